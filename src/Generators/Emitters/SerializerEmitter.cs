using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;

namespace Multiproc.Generators.Emitters;

/// <summary>
/// Emits one type's <c>Write_X</c>/<c>Read_X</c> pair into the assembly's <c>WireSerializers</c> class. Readers
/// bound every count by the bytes that remain (<c>ReadCollectionHeader</c>) and count nesting
/// (<c>EnterNested</c>), so malformed input fails with <c>WireFormatException</c>.
/// </summary>
internal static class SerializerEmitter
{
    /// <summary>Adds the type's file.</summary>
    /// <param name="context">The production context.</param>
    /// <param name="serializer">The type.</param>
    public static void Emit(SourceProductionContext context, SerializerModel serializer)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        context.AddSource(serializer.HintName, (serializer.Kind == SerializableKind.MemoryPack ? MemoryPackEmitter.Render(serializer) : Render(serializer)).ToSourceText());
    }

    /// <summary>Renders the type's file.</summary>
    /// <param name="serializer">The type.</param>
    /// <returns>The writer holding the file.</returns>
    public static SourceWriter Render(SerializerModel serializer)
    {
        SourceWriter writer = GeneratedFile.Start();
        GeneratedFile.OpenNamespace(writer, serializer.TableNamespace);
        writer.WriteLine("internal static partial class WireSerializers");
        writer.OpenBlock();
        TypeRefModel type = serializer.Type;
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"internal static void Write_{type.Identifier}(ref {GeneratedFile.WireWriter} writer, {type.FullyQualifiedName} value)");
        writer.OpenBlock();
        WriteBody(writer, serializer);
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"internal static {type.FullyQualifiedName} Read_{type.Identifier}(ref {GeneratedFile.WireReader} reader)");
        writer.OpenBlock();
        ReadBody(writer, serializer);
        writer.CloseBlock();
        writer.CloseBlock();
        GeneratedFile.CloseNamespace(writer, serializer.TableNamespace);
        return writer;
    }

    private static void WriteBody(SourceWriter writer, SerializerModel serializer)
    {
        string ns = serializer.TableNamespace;
        EquatableArray<TypeRefModel> elements = serializer.Elements;
        switch (serializer.Kind)
        {
            case SerializableKind.Nullable:
                writer.WriteLine("writer.WritePresence(value.HasValue);");
                writer.WriteLine("if (value.HasValue)");
                writer.OpenBlock();
                WriteStatement(writer, Codec.Write(elements[0], "value.GetValueOrDefault()", ns));
                writer.CloseBlock();
                return;
            case SerializableKind.Array or SerializableKind.List or SerializableKind.HashSet or SerializableKind.Dictionary:
                string count = serializer.Kind == SerializableKind.Array ? "Length" : "Count";
                writer.WriteLine($$"""
                    if (value is null)
                    {
                        writer.WriteNullHeader();
                        return;
                    }

                    writer.WriteCollectionHeader(value.{{count}});
                    """);
                OpenWriteGuard(writer);
                writer.WriteLine("foreach (var item in value)");
                writer.OpenBlock();
                if (serializer.Kind == SerializableKind.Dictionary)
                {
                    WriteStatement(writer, Codec.Write(elements[0], "item.Key", ns));
                    WriteStatement(writer, Codec.Write(elements[1], "item.Value", ns));
                }
                else
                {
                    WriteStatement(writer, Codec.Write(elements[0], "item", ns));
                }

                writer.CloseBlock();
                CloseWriteGuard(writer);
                return;
            case SerializableKind.ValueTuple or SerializableKind.Tuple:
                WritePresenceCheck(writer, serializer.Type);
                for (int i = 0; i < elements.Count; i++)
                {
                    WriteStatement(writer, Codec.Write(elements[i], $"value.Item{i + 1}", ns));
                }

                return;
            default:
                WritePresenceCheck(writer, serializer.Type);
                OpenWriteGuard(writer);
                foreach (MemberModel member in serializer.Members)
                {
                    WriteStatement(writer, Codec.Write(member.Type, "value." + member.Name, ns));
                }

                CloseWriteGuard(writer);
                return;
        }
    }

    /// <summary>
    /// Counts nesting on the write side exactly where the reader calls <c>EnterNested</c>, so that what a
    /// writer accepts a reader accepts, and a cyclic graph fails with an exception instead of a stack overflow.
    /// </summary>
    private static void OpenWriteGuard(SourceWriter writer)
    {
        writer.WriteLine("global::Multiproc.Serialization.WirePrimitives.EnterNestedWrite();");
        writer.WriteLine("try");
        writer.OpenBlock();
    }

    private static void CloseWriteGuard(SourceWriter writer)
    {
        writer.CloseBlock();
        writer.WriteLine("finally");
        writer.OpenBlock();
        writer.WriteLine("global::Multiproc.Serialization.WirePrimitives.ExitNestedWrite();");
        writer.CloseBlock();
    }

    private static void ReadBody(SourceWriter writer, SerializerModel serializer)
    {
        string ns = serializer.TableNamespace;
        TypeRefModel type = serializer.Type;
        EquatableArray<TypeRefModel> elements = serializer.Elements;
        switch (serializer.Kind)
        {
            case SerializableKind.Nullable:
                writer.WriteLine($"return reader.ReadPresence() ? ({type.FullyQualifiedName}){Codec.Read(elements[0], ns)} : null;");
                return;
            case SerializableKind.Array or SerializableKind.List or SerializableKind.HashSet or SerializableKind.Dictionary:
                int minimum = elements.Sum(static e => e.MinimumSize);
                writer.WriteLine($$"""
                    int count = reader.ReadCollectionHeader({{minimum.ToString(CultureInfo.InvariantCulture)}});
                    if (count < 0)
                    {
                        return null;
                    }

                    reader.EnterNested();
                    var result = {{NewCollection(serializer)}};
                    for (int i = 0; i < count; i++)
                    {
                    """);
                writer.Indentation++;
                ReadElement(writer, serializer);
                writer.CloseBlock();
                writer.WriteLine();
                writer.WriteLine("reader.ExitNested();");
                writer.WriteLine("return result;");
                return;
            case SerializableKind.ValueTuple or SerializableKind.Tuple:
                ReadPresenceCheck(writer, type);
                for (int i = 0; i < elements.Count; i++)
                {
                    writer.WriteLine($"var item{i} = {Codec.Read(elements[i], ns)};");
                }

                string items = string.Join(", ", Enumerable.Range(0, elements.Count).Select(static i => "item" + i.ToString(CultureInfo.InvariantCulture)));
                writer.WriteLine(serializer.Kind == SerializableKind.Tuple || elements.Count == 1
                    ? $"return new {type.FullyQualifiedName.TrimEnd('?')}({items});"
                    : $"return ({items});");
                return;
            default:
                ReadPresenceCheck(writer, type);
                writer.WriteLine("reader.EnterNested();");
                for (int i = 0; i < serializer.Members.Count; i++)
                {
                    writer.WriteLine($"var member{i} = {Codec.Read(serializer.Members[i].Type, ns)};");
                }

                writer.WriteLine("reader.ExitNested();");
                WriteConstruction(writer, serializer);
                return;
        }
    }

    private static void ReadElement(SourceWriter writer, SerializerModel serializer)
    {
        string ns = serializer.TableNamespace;
        EquatableArray<TypeRefModel> elements = serializer.Elements;
        switch (serializer.Kind)
        {
            case SerializableKind.Array:
                writer.WriteLine($"result[i] = {Codec.Read(elements[0], ns)};");
                break;
            case SerializableKind.List or SerializableKind.HashSet:
                writer.WriteLine($"result.Add({Codec.Read(elements[0], ns)});");
                break;
            default:
                writer.WriteLine($"var key = {Codec.Read(elements[0], ns)};");
                writer.WriteLine($"var item = {Codec.Read(elements[1], ns)};");
                if (elements[0].IsReferenceType || elements[0].FullyQualifiedName.EndsWith("?", System.StringComparison.Ordinal))
                {
                    writer.WriteLine("""
                        if (key is null)
                        {
                            throw new global::Multiproc.Serialization.WireFormatException("A dictionary key is null.");
                        }

                        """);
                }

                writer.WriteLine("""
                    if (!result.TryAdd(key, item))
                    {
                        throw new global::Multiproc.Serialization.WireFormatException("A dictionary key occurs twice.");
                    }
                    """);
                break;
        }
    }

    private static string NewCollection(SerializerModel serializer)
    {
        string type = serializer.Type.FullyQualifiedName;
        if (serializer.Kind != SerializableKind.Array)
        {
            return $"new {type}(count)";
        }

        // new T[count] — for jagged arrays the count goes before the element type's own brackets: new int[count][].
        string element = serializer.Elements[0].FullyQualifiedName;
        int suffix = element.Length;
        while (suffix >= 2 && element.Substring(suffix - 2, 2) == "[]")
        {
            suffix -= 2;
        }

        return $"new {element.Substring(0, suffix)}[count]{element.Substring(suffix)}";
    }

    private static void WriteConstruction(SourceWriter writer, SerializerModel serializer)
    {
        MemberModel[] members = serializer.Members.ToArray();
        string arguments = string.Join(", ", Enumerable.Range(0, serializer.ConstructorArity)
            .Select(position => "member" + System.Array.FindIndex(members, m => m.ConstructorPosition == position).ToString(CultureInfo.InvariantCulture)));
        var initialized = members.Select(static (m, i) => (Member: m, Index: i)).Where(static x => x.Member.ConstructorPosition < 0 || x.Member.IsRequired).ToArray();
        if (initialized.Length == 0)
        {
            writer.WriteLine($"return new {serializer.Type.FullyQualifiedName}({arguments});");
            return;
        }

        writer.WriteLine($"return new {serializer.Type.FullyQualifiedName}({arguments})");
        writer.OpenBlock();
        foreach ((MemberModel member, int index) in initialized)
        {
            writer.WriteLine($"{member.Name} = member{index.ToString(CultureInfo.InvariantCulture)},");
        }

        writer.CloseBlock(";");
    }

    private static void WritePresenceCheck(SourceWriter writer, TypeRefModel type)
    {
        if (!type.IsReferenceType)
        {
            return;
        }

        writer.WriteLine("""
            if (value is null)
            {
                writer.WritePresence(false);
                return;
            }

            writer.WritePresence(true);
            """);
    }

    private static void ReadPresenceCheck(SourceWriter writer, TypeRefModel type)
    {
        if (!type.IsReferenceType)
        {
            return;
        }

        writer.WriteLine("""
            if (!reader.ReadPresence())
            {
                return null;
            }

            """);
    }

    private static void WriteStatement(SourceWriter writer, string statement)
    {
        if (statement.Length > 0)
        {
            writer.WriteLine(statement);
        }
    }
}
