using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;

namespace Multiproc.Generators.Emitters;

/// <summary>
/// Emits the <c>Write_X</c>/<c>Read_X</c> pair of a <c>[MemoryPackable]</c> type: MemoryPack's bytes as one
/// length-prefixed field of Multiproc's wire format. The length is bounded by the bytes that remain (and so by
/// the channel's message limit); anything MemoryPack throws on malformed input, and bytes it leaves unread,
/// become a <c>WireFormatException</c> naming the type. Only compilations that reference MemoryPack get these.
/// </summary>
internal static class MemoryPackEmitter
{
    private const string Serializer = "global::MemoryPack.MemoryPackSerializer";
    private const string FormatException = "global::Multiproc.Serialization.WireFormatException";

    /// <summary>Renders the type's file.</summary>
    /// <param name="serializer">A model of kind <c>MemoryPack</c>.</param>
    /// <returns>The writer holding the file.</returns>
    public static SourceWriter Render(SerializerModel serializer)
    {
        TypeRefModel type = serializer.Type;
        string display = type.FullyQualifiedName.Replace("global::", string.Empty);
        SourceWriter writer = GeneratedFile.Start();
        GeneratedFile.OpenNamespace(writer, serializer.TableNamespace);
        writer.WriteLine("internal static partial class WireSerializers");
        writer.OpenBlock();
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"internal static void Write_{type.Identifier}(ref {GeneratedFile.WireWriter} writer, {type.FullyQualifiedName} value)");
        writer.OpenBlock();
        writer.WriteLine($$"""
            byte[] bytes = {{Serializer}}.Serialize(value);
            writer.WriteCollectionHeader(bytes.Length);
            writer.WriteRaw(bytes);
            """);
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"internal static {type.FullyQualifiedName} Read_{type.Identifier}(ref {GeneratedFile.WireReader} reader)");
        writer.OpenBlock();
        writer.WriteLine($$"""
            int length = reader.ReadCollectionHeader(1);
            if (length < 0)
            {
                throw new {{FormatException}}("A MemoryPack payload for {{display}} has no length.");
            }

            global::System.ReadOnlySpan<byte> bytes = reader.ReadRaw(length);
            {{type.FullyQualifiedName}} value = default!;
            int read;
            try
            {
                read = {{Serializer}}.Deserialize(bytes, ref value);
            }
            catch (global::System.Exception e) when (e is not global::System.OutOfMemoryException)
            {
                throw new {{FormatException}}($"A malformed MemoryPack payload for {{display}} ({length} bytes): {e.Message}", e);
            }

            if (read != length)
            {
                throw new {{FormatException}}($"A MemoryPack payload for {{display}} has {length - read} unexpected trailing bytes.");
            }

            return value;
            """);
        writer.CloseBlock();
        writer.CloseBlock();
        GeneratedFile.CloseNamespace(writer, serializer.TableNamespace);
        return writer;
    }
}
