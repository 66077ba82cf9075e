using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;
using Multiproc.Generators.Parsing;

namespace Multiproc.Generators.Emitters;

/// <summary>
/// Emits <c>Spawn.{Method}</c> (a typed starter returning a started process) and <c>Targets.{Method}</c> (the
/// descriptor pools and <c>Process.Create</c> take) for one target, as parts of <c>static partial</c> classes in
/// the target's namespace (public when any target of the namespace is public, otherwise internal).
/// </summary>
internal static class SpawnHelpersEmitter
{
    /// <summary>Adds the target's file.</summary>
    /// <param name="context">The production context.</param>
    /// <param name="target">The target.</param>
    public static void Emit(SourceProductionContext context, ProcessTargetModel target)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        context.AddSource(target.HintName, Render(target).ToSourceText());
    }

    /// <summary>Renders the target's file.</summary>
    /// <param name="target">The target.</param>
    /// <returns>The writer holding the file.</returns>
    public static SourceWriter Render(ProcessTargetModel target)
    {
        SourceWriter writer = GeneratedFile.Start();
        GeneratedFile.OpenNamespace(writer, target.Namespace);
        string accessibility = target.IsPublic ? "public" : "internal";
        string classAccessibility = target.ClassesArePublic ? "public" : "internal";
        string targetsClass = target.Namespace.Length > 0 ? $"global::{string.Join(".", target.Namespace.Split('.').Select(TypeNames.Escape))}.Targets" : "global::Targets";
        string argsType = ArgumentsType(target);
        string resultType = target.ResultType ?? "global::System.ValueTuple";
        string name = target.Entry.Name;

        writer.WriteLine("/// <summary>Typed starters of this namespace's process targets: each starts a child process that runs one target.</summary>");
        writer.WriteLine($"{classAccessibility} static partial class Spawn");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>Starts a child process that runs <c>{name}</c> and returns its handle; join it, or read its result.</summary>");
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        var used = new HashSet<string>(target.Parameters.Select(static p => p.Name.TrimStart('@')));
        string options = FreeName("options", used);
        string process = FreeName("process", used);
        string parameters = string.Join(", ", target.Parameters.Select(static p => p.DefaultValue is null ? $"{p.DeclaredType} {p.Name}" : $"{p.DeclaredType} {p.Name} = {p.DefaultValue}").Concat([$"global::Multiproc.ProcessOptions? {options} = null"]));
        string processType = target.ResultType is null ? "global::Multiproc.Process" : $"global::Multiproc.Process<{resultType}>";
        writer.WriteLine($"{accessibility} static {processType} {target.MethodName}({parameters})");
        writer.OpenBlock();
        writer.WriteLine($"var {process} = global::Multiproc.Process.Create({targetsClass}.{target.MethodName}, {ArgumentsValue(target)}, {options});");
        writer.WriteLine($$"""
            try
            {
                {{process}}.Start();
            }
            catch
            {
                {{process}}.Dispose();
                throw;
            }

            return {{process}};
            """);
        writer.CloseBlock();
        writer.CloseBlock();
        writer.WriteLine();

        writer.WriteLine("/// <summary>Descriptors of this namespace's process targets, for pools and <c>Process.Create</c>.</summary>");
        writer.WriteLine($"{classAccessibility} static partial class Targets");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>The descriptor of <c>{name}</c>.</summary>");
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"{accessibility} static global::Multiproc.ProcessTarget<{argsType}, {resultType}> {target.MethodName} {{ get; }} = new(");
        writer.Indentation++;
        writer.WriteLine($"0x{target.Entry.Id.ToString("X16", CultureInfo.InvariantCulture)}UL,");
        writer.WriteLine($"0x{target.Entry.SchemaHash.ToString("X16", CultureInfo.InvariantCulture)}UL,");
        writer.WriteLine($"\"{name}\",");
        WriteArgumentsLambda(writer, target, argsType);
        writer.WriteLine(target.Entry.Result is { } result
            ? Codec.ReadLambda(result, target.TableNamespace) + ");"
            : $"static (ref {GeneratedFile.WireReader} reader) => default(global::System.ValueTuple));");
        writer.Indentation--;
        writer.CloseBlock();
        GeneratedFile.CloseNamespace(writer, target.Namespace);
        return writer;
    }

    private static void WriteArgumentsLambda(SourceWriter writer, ProcessTargetModel target, string argsType)
    {
        switch (target.Parameters.Count)
        {
            case 0:
                writer.WriteLine($"static (ref {GeneratedFile.WireWriter} writer, global::System.ValueTuple value) => {{ }},");
                return;
            case 1:
                writer.WriteLine(Codec.WriteLambda(target.Parameters[0].Type, target.TableNamespace) + ",");
                return;
        }

        writer.WriteLine($"static (ref {GeneratedFile.WireWriter} writer, {argsType} value) =>");
        writer.OpenBlock();
        for (int i = 0; i < target.Parameters.Count; i++)
        {
            string statement = Codec.Write(target.Parameters[i].Type, $"value.Item{i + 1}", target.TableNamespace);
            if (statement.Length > 0)
            {
                writer.WriteLine(statement);
            }
        }

        writer.CloseBlock(",");
    }

    /// <summary>The <c>TArgs</c> of the descriptor: the parameter, a tuple of the parameters, or <c>ValueTuple</c>.</summary>
    private static string ArgumentsType(ProcessTargetModel target) => target.Parameters.Count switch
    {
        0 => "global::System.ValueTuple",
        1 => target.Parameters[0].DeclaredType,
        _ => "(" + string.Join(", ", target.Parameters.Select(static p => p.DeclaredType)) + ")",
    };

    private static string ArgumentsValue(ProcessTargetModel target) => target.Parameters.Count switch
    {
        0 => "default(global::System.ValueTuple)",
        1 => target.Parameters[0].Name,
        _ => "(" + string.Join(", ", target.Parameters.Select(static p => p.Name)) + ")",
    };

    private static string FreeName(string name, HashSet<string> used)
    {
        string candidate = name;
        for (int i = 1; used.Contains(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        used.Add(candidate);
        return candidate;
    }
}
