using System.Linq;
using Microsoft.CodeAnalysis;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;

namespace Multiproc.Generators.Emitters;

/// <summary>
/// Emits the <c>Spawn.X</c>/<c>Targets.X</c> of a skipped target as members marked
/// <c>[Obsolete(message, error: true)]</c>: code calling them compiles to exactly one error per call site,
/// which names the target and the rule that explains it, instead of <c>CS0103: The name 'Spawn' does not
/// exist</c>. Their bodies cannot run: a call to an error-obsolete member does not compile.
/// </summary>
internal static class PlaceholderEmitter
{
    /// <summary>Adds the placeholder's file.</summary>
    /// <param name="context">The production context.</param>
    /// <param name="placeholder">The placeholder.</param>
    public static void Emit(SourceProductionContext context, PlaceholderModel placeholder)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        context.AddSource(placeholder.HintName, Render(placeholder).ToSourceText());
    }

    /// <summary>Renders the placeholder's file.</summary>
    /// <param name="placeholder">The placeholder.</param>
    /// <returns>The writer holding the file.</returns>
    public static SourceWriter Render(PlaceholderModel placeholder)
    {
        SourceWriter writer = GeneratedFile.Start();
        GeneratedFile.OpenNamespace(writer, placeholder.Namespace);
        string classAccessibility = placeholder.ClassesArePublic ? "public" : "internal";
        string message = "\"" + placeholder.Message.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        string obsolete = $"[global::System.ObsoleteAttribute({message}, true)]";
        string throwing = $"throw new global::System.InvalidOperationException({message});";
        string parameters = placeholder.AnyArguments
            ? "params object?[] arguments"
            : string.Join(", ", placeholder.Parameters.Select(static p => p + " = default").Concat(["global::Multiproc.ProcessOptions? options = null"]));

        writer.WriteLine("/// <summary>Typed starters of this namespace's process targets: each starts a child process that runs one target.</summary>");
        writer.WriteLine($"{classAccessibility} static partial class Spawn");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>No starter: {Escape(placeholder.Message)}</summary>");
        writer.WriteLine(obsolete);
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"internal static global::Multiproc.Process {placeholder.MethodName}({parameters}) => {throwing}");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <summary>Descriptors of this namespace's process targets, for pools and <c>Process.Create</c>.</summary>");
        writer.WriteLine($"{classAccessibility} static partial class Targets");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>No descriptor: {Escape(placeholder.Message)}</summary>");
        writer.WriteLine(obsolete);
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"internal static global::Multiproc.ProcessTarget<{placeholder.ArgumentsType}, {placeholder.ResultType}> {placeholder.MethodName} => {throwing}");
        writer.CloseBlock();
        GeneratedFile.CloseNamespace(writer, placeholder.Namespace);
        return writer;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
