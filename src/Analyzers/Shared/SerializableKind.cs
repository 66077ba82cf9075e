namespace Multiproc.Analyzers.Shared;

/// <summary>How a type is encoded on the wire (see <c>docs/wire-format.md</c>); <see cref="None"/> when it cannot be.</summary>
internal enum SerializableKind
{
    /// <summary>Not serializable.</summary>
    None,

    /// <summary>Integers, <c>char</c>, floating point, <c>TimeSpan</c>, <c>Guid</c>: raw little-endian bytes.</summary>
    Unmanaged,

    /// <summary><c>bool</c>: one byte, 0 or 1.</summary>
    Boolean,

    /// <summary><c>decimal</c>: 16 raw bytes, validated.</summary>
    Decimal,

    /// <summary><c>string</c>: UTF-16 length-prefixed.</summary>
    String,

    /// <summary><c>DateTime</c>: ticks and kind.</summary>
    DateTime,

    /// <summary><c>DateTimeOffset</c>: clock ticks and offset minutes.</summary>
    DateTimeOffset,

    /// <summary>An enum: its underlying value.</summary>
    Enum,

    /// <summary><c>Nullable&lt;T&gt;</c>: presence byte then the value.</summary>
    Nullable,

    /// <summary>A single-dimensional array of a block-copyable element type.</summary>
    UnmanagedArray,

    /// <summary>Any other single-dimensional array.</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,

    /// <summary><c>HashSet&lt;T&gt;</c>.</summary>
    HashSet,

    /// <summary><c>Dictionary&lt;TKey, TValue&gt;</c>.</summary>
    Dictionary,

    /// <summary>A <c>ValueTuple</c> with one or more elements.</summary>
    ValueTuple,

    /// <summary>A <c>System.Tuple</c> with one to seven elements.</summary>
    Tuple,

    /// <summary>The empty <c>System.ValueTuple</c>: no bytes.</summary>
    Unit,

    /// <summary>A type implementing <c>IWireSerializable&lt;TSelf&gt;</c>: encodes itself.</summary>
    WireSerializable,

    /// <summary>A class, record or struct marked <c>[ProcessSerializable]</c>.</summary>
    Object,

    /// <summary>A type marked <c>[MemoryPackable]</c> in a compilation that references MemoryPack: MemoryPack's bytes, length-prefixed.</summary>
    MemoryPack,

    /// <summary>An interface marked <c>[SharedInterface]</c>: its manager proxy's reference (manager, object id), never the object.</summary>
    SharedInterface,
}
