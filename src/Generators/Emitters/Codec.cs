using Multiproc.Generators.Model;

namespace Multiproc.Generators.Emitters;

/// <summary>
/// The statement that writes, and the expression that reads, one value of a type, given the writer or reader
/// in scope as <c>writer</c>/<c>reader</c> (both <c>ref</c>).
/// </summary>
internal static class Codec
{
    private const string Primitives = "global::Multiproc.Serialization.WirePrimitives";
    private const string SelfSerializing = "global::Multiproc.Serialization.WireSerializable";
    private const string SharedInterfaces = "global::Multiproc.SharedInterfaces";

    /// <summary>The statement writing <paramref name="value"/>; empty for a type with no bytes.</summary>
    /// <param name="type">The type.</param>
    /// <param name="value">An expression of that type.</param>
    /// <param name="tableNamespace">The namespace of the generated <c>WireSerializers</c> class.</param>
    /// <returns>A statement, or an empty string.</returns>
    public static string Write(TypeRefModel type, string value, string tableNamespace) => type.Codec switch
    {
        CodecKind.Unmanaged => $"writer.WriteUnmanaged<{type.FullyQualifiedName}>({value});",
        CodecKind.Boolean => $"writer.WriteBoolean({value});",
        CodecKind.String => $"writer.WriteString({value});",
        CodecKind.Decimal => $"writer.WriteUnmanaged<decimal>({value});",
        CodecKind.DateTime => $"{Primitives}.WriteDateTime(ref writer, {value});",
        CodecKind.DateTimeOffset => $"{Primitives}.WriteDateTimeOffset(ref writer, {value});",
        CodecKind.UnmanagedArray => $"writer.WriteUnmanagedArray<{type.ElementFullyQualifiedName}>({value});",
        CodecKind.WireSerializable => $"{SelfSerializing}.Write<{type.FullyQualifiedName}>(ref writer, {value});",
        CodecKind.SharedInterface => $"{SharedInterfaces}.Write<{type.FullyQualifiedName}>(ref writer, {value});",
        CodecKind.Unit => string.Empty,
        _ => $"global::{tableNamespace}.WireSerializers.Write_{type.Identifier}(ref writer, {value});",
    };

    /// <summary>The expression reading one value.</summary>
    /// <param name="type">The type.</param>
    /// <param name="tableNamespace">The namespace of the generated <c>WireSerializers</c> class.</param>
    /// <returns>An expression of that type.</returns>
    public static string Read(TypeRefModel type, string tableNamespace) => type.Codec switch
    {
        CodecKind.Unmanaged => $"reader.ReadUnmanaged<{type.FullyQualifiedName}>()",
        CodecKind.Boolean => "reader.ReadBoolean()",
        CodecKind.String => "reader.ReadString()",
        CodecKind.Decimal => $"{Primitives}.ReadDecimal(ref reader)",
        CodecKind.DateTime => $"{Primitives}.ReadDateTime(ref reader)",
        CodecKind.DateTimeOffset => $"{Primitives}.ReadDateTimeOffset(ref reader)",
        CodecKind.UnmanagedArray => $"reader.ReadUnmanagedArray<{type.ElementFullyQualifiedName}>()",
        CodecKind.WireSerializable => $"{SelfSerializing}.Read<{type.FullyQualifiedName}>(ref reader)",
        CodecKind.SharedInterface => $"{SharedInterfaces}.Read<{type.FullyQualifiedName}>(ref reader)",
        CodecKind.Unit => $"default({type.FullyQualifiedName})",
        _ => $"global::{tableNamespace}.WireSerializers.Read_{type.Identifier}(ref reader)",
    };

    /// <summary>A lambda writing a value of <paramref name="type"/>, convertible to <c>WireWrite&lt;T&gt;</c>.</summary>
    /// <param name="type">The type.</param>
    /// <param name="tableNamespace">The namespace of the generated <c>WireSerializers</c> class.</param>
    /// <returns>A static lambda.</returns>
    public static string WriteLambda(TypeRefModel type, string tableNamespace) =>
        $"static (ref {GeneratedFile.WireWriter} writer, {type.FullyQualifiedName} value) => {{ {Write(type, "value", tableNamespace)} }}".Replace("{  }", "{ }");

    /// <summary>A lambda reading a value of <paramref name="type"/>, convertible to <c>WireRead&lt;T&gt;</c>.</summary>
    /// <param name="type">The type.</param>
    /// <param name="tableNamespace">The namespace of the generated <c>WireSerializers</c> class.</param>
    /// <returns>A static lambda.</returns>
    public static string ReadLambda(TypeRefModel type, string tableNamespace) =>
        $"static (ref {GeneratedFile.WireReader} reader) => {Read(type, tableNamespace)}";
}
