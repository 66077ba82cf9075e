namespace Multiproc.Generators.Model;

/// <summary>How generated code writes and reads one value of a type: a direct writer/reader call, or a generated method pair.</summary>
internal enum CodecKind
{
    /// <summary><c>WriteUnmanaged&lt;T&gt;</c> / <c>ReadUnmanaged&lt;T&gt;</c> (integers, floating point, char, enums, TimeSpan, Guid).</summary>
    Unmanaged,

    /// <summary><c>WriteBoolean</c> / <c>ReadBoolean</c>.</summary>
    Boolean,

    /// <summary><c>WriteString</c> / <c>ReadString</c>.</summary>
    String,

    /// <summary>Raw 16 bytes, validated on read by <c>WirePrimitives.ReadDecimal</c>.</summary>
    Decimal,

    /// <summary><c>WirePrimitives.WriteDateTime</c> / <c>ReadDateTime</c>.</summary>
    DateTime,

    /// <summary><c>WirePrimitives.WriteDateTimeOffset</c> / <c>ReadDateTimeOffset</c>.</summary>
    DateTimeOffset,

    /// <summary><c>WriteUnmanagedArray&lt;T&gt;</c> / <c>ReadUnmanagedArray&lt;T&gt;</c>: one block copy.</summary>
    UnmanagedArray,

    /// <summary><c>WireSerializable.Write&lt;T&gt;</c> / <c>Read&lt;T&gt;</c>.</summary>
    WireSerializable,

    /// <summary>The empty <c>System.ValueTuple</c>: nothing written.</summary>
    Unit,

    /// <summary><c>SharedInterfaces.Write&lt;T&gt;</c> / <c>Read&lt;T&gt;</c>: a <c>[SharedInterface]</c> proxy's reference.</summary>
    SharedInterface,

    /// <summary>A generated <c>Write_X</c>/<c>Read_X</c> pair in the assembly's <c>WireSerializers</c> class.</summary>
    Generated,
}
