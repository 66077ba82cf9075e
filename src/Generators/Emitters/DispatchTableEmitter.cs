using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;

namespace Multiproc.Generators.Emitters;

/// <summary>
/// Emits <c>ProcessTargets.DispatchTable.g.cs</c>: the assembly's <c>ProcessTargetTable</c> (registers every
/// target invoker and serializer; named by an assembly attribute so that programs referencing the assembly
/// link it), and a module initializer that registers this table and every referenced one — a direct call per
/// table, found in metadata at compile time. Nothing when there is neither.
/// </summary>
internal static class DispatchTableEmitter
{
    /// <summary>The file's hint name.</summary>
    public const string HintName = "ProcessTargets.DispatchTable.g.cs";

    /// <summary>Adds the file, when there is anything to register.</summary>
    /// <param name="context">The production context.</param>
    /// <param name="table">The table.</param>
    public static void Emit(SourceProductionContext context, DispatchTableModel table)
    {
        if (!table.HasOwnTable && table.ReferencedTables.Count == 0)
        {
            return;
        }

        context.CancellationToken.ThrowIfCancellationRequested();
        context.AddSource(HintName, Render(table).ToSourceText());
    }

    /// <summary>Renders the file.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The writer holding the file.</returns>
    public static SourceWriter Render(DispatchTableModel table)
    {
        SourceWriter writer = GeneratedFile.Start();
        string tableType = $"global::{table.TableNamespace}.ProcessTargetTable";
        if (table.HasOwnTable)
        {
            writer.WriteLine($"[assembly: global::Multiproc.Hosting.ProcessTargetTableAttribute(typeof({tableType}))]");
            writer.WriteLine();
        }

        GeneratedFile.OpenNamespace(writer, table.TableNamespace);
        if (table.HasOwnTable)
        {
            WriteTable(writer, table);
            writer.WriteLine();
        }

        writer.WriteLine("/// <summary>Registers the process targets and serializers of this program and the libraries it references when the module loads.</summary>");
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine("internal static class ProcessTargetTableInitializer");
        writer.OpenBlock();
        writer.WriteLine("""
            /// <summary>Registers every linked table; runs before any other code of this assembly.</summary>
            [global::System.Runtime.CompilerServices.ModuleInitializerAttribute]
            internal static void Initialize()
            """);
        writer.OpenBlock();
        if (table.HasOwnTable)
        {
            writer.WriteLine(tableType + ".Register();");
        }

        foreach (string referenced in table.ReferencedTables)
        {
            writer.WriteLine(referenced + ".Register();");
        }

        writer.CloseBlock();
        writer.CloseBlock();
        GeneratedFile.CloseNamespace(writer, table.TableNamespace);
        return writer;
    }

    private static void WriteTable(SourceWriter writer, DispatchTableModel table)
    {
        writer.WriteLine("""
            /// <summary>The dispatch table of this assembly: its process targets by id, and its generated serializers.</summary>
            [global::System.ComponentModel.EditorBrowsableAttribute(global::System.ComponentModel.EditorBrowsableState.Never)]
            """);
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine("public static class ProcessTargetTable");
        writer.OpenBlock();
        writer.WriteLine("""
            private static readonly object s_gate = new object();
            private static bool s_registered;

            /// <summary>Registers this assembly's targets and serializers with the runtime; later calls do nothing.</summary>
            public static void Register()
            {
                lock (s_gate)
                {
                    if (s_registered)
                    {
                        return;
                    }

            """);
        writer.Indentation += 2;
        foreach (TypeRefModel type in table.Registrations)
        {
            string serializer = $"global::Multiproc.Serialization.WireSerializer<{type.FullyQualifiedName}>";
            writer.WriteLine($"{serializer}.Register({serializer}.Create(");
            writer.Indentation++;
            if (type.Codec == CodecKind.Generated)
            {
                writer.WriteLine($"global::{table.TableNamespace}.WireSerializers.Write_{type.Identifier},");
                writer.WriteLine($"global::{table.TableNamespace}.WireSerializers.Read_{type.Identifier}));");
            }
            else
            {
                writer.WriteLine(Codec.WriteLambda(type, table.TableNamespace) + ",");
                writer.WriteLine(Codec.ReadLambda(type, table.TableNamespace) + "));");
            }

            writer.Indentation--;
        }

        foreach (DispatchEntryModel entry in table.Entries)
        {
            WriteEntry(writer, entry, table.TableNamespace);
        }

        writer.WriteLine("s_registered = true;");
        writer.CloseBlock();
        writer.CloseBlock();
        foreach (DispatchEntryModel entry in table.Entries)
        {
            if (entry.AccessorTarget is not null)
            {
                WriteAccessor(writer, entry);
            }
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// An extern method the runtime binds to a target generated code cannot name (private or protected):
    /// <c>[UnsafeAccessor]</c> with the type given by name (<c>UnsafeAccessorType</c>), no reflection, NativeAOT-safe.
    /// </summary>
    private static void WriteAccessor(SourceWriter writer, DispatchEntryModel entry)
    {
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Calls the private or protected target <c>{entry.Name}</c>.</summary>");
        writer.WriteLine($"[global::System.Runtime.CompilerServices.UnsafeAccessorAttribute(global::System.Runtime.CompilerServices.UnsafeAccessorKind.StaticMethod, Name = \"{entry.MethodName.TrimStart('@')}\")]");
        string parameters = string.Concat(entry.Parameters.Select(static (p, i) => $", {p.FullyQualifiedName} argument{i.ToString(CultureInfo.InvariantCulture)}"));
        writer.WriteLine($"private static extern {entry.ReturnType} {AccessorName(entry)}([global::System.Runtime.CompilerServices.UnsafeAccessorTypeAttribute(\"{entry.AccessorTarget}\")] object? target{parameters});");
    }

    private static string AccessorName(DispatchEntryModel entry) =>
        $"Call_{entry.MethodName.TrimStart('@')}_{entry.Id.ToString("x16", CultureInfo.InvariantCulture)}";

    private static void WriteEntry(SourceWriter writer, DispatchEntryModel entry, string tableNamespace)
    {
        writer.WriteLine("global::Multiproc.Hosting.TargetRegistry.Register(");
        writer.Indentation++;
        writer.WriteLine($"0x{entry.Id.ToString("X16", CultureInfo.InvariantCulture)}UL,");
        writer.WriteLine($"0x{entry.SchemaHash.ToString("X16", CultureInfo.InvariantCulture)}UL,");
        writer.WriteLine($"\"{entry.Name}\",");
        writer.WriteLine($"static (ref {GeneratedFile.WireReader} reader, ref {GeneratedFile.WireWriter} writer) =>");
        writer.OpenBlock();
        for (int i = 0; i < entry.Parameters.Count; i++)
        {
            writer.WriteLine($"var argument{i} = {Codec.Read(entry.Parameters[i], tableNamespace)};");
        }

        writer.WriteLine("reader.EnsureFullyConsumed();");
        string arguments = string.Join(", ", Enumerable.Range(0, entry.Parameters.Count).Select(static i => "argument" + i.ToString(CultureInfo.InvariantCulture)));
        string call = entry.AccessorTarget is null
            ? $"{entry.ContainingType}.{entry.MethodName}({arguments})"
            : $"{AccessorName(entry)}(null{(arguments.Length > 0 ? ", " + arguments : string.Empty)})";
        if (entry.IsAwaitable)
        {
            call += ".GetAwaiter().GetResult()";
        }

        if (entry.Result is { } result)
        {
            writer.WriteLine($"var result = {call};");
            string statement = Codec.Write(result, "result", tableNamespace);
            if (statement.Length > 0)
            {
                writer.WriteLine(statement);
            }
        }
        else
        {
            writer.WriteLine(call + ";");
        }

        writer.CloseBlock(");");
        writer.Indentation--;
    }
}
