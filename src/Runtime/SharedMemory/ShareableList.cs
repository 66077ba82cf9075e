using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A fixed-length list of mixed primitive items in one shared-memory block: Python's
/// <c>multiprocessing.shared_memory.ShareableList</c>. Items are 64-bit integers, doubles, bools, strings (UTF-8),
/// byte arrays and nulls; every process that attaches reads and writes the same memory, without copies or a server.
/// </summary>
/// <remarks>
/// <para>
/// As in Python, each item has a slot whose size is fixed when the list is made: 8 bytes, or the length of a string or
/// byte array rounded up to 8. A later item may be of another kind, but a string or byte array must fit the slot
/// (<see cref="ArgumentException"/> otherwise, Python's <c>ValueError: bytes/str item exceeds available storage</c>);
/// an index out of range is an <see cref="ArgumentOutOfRangeException"/> (Python's <c>IndexError</c>). Integers are
/// read back as <see cref="long"/>, floating point as <see cref="double"/>.
/// </para>
/// <para>
/// Access is not synchronized (as in Python): guard concurrent writers with a <see cref="ProcessLock"/>. Passed to a
/// child as a <c>[ProcessTarget]</c> argument the list travels as its block's name and the child attaches.
/// </para>
/// </remarks>
public sealed class ShareableList : IReadOnlyList<object?>, IDisposable, IWireSerializable<ShareableList>
{
    private const int Magic = 0x54534C53; // "SLST"
    private const int HeaderSize = 8;
    private const int DescriptorSize = 16;

    private readonly SharedMemory _block;

    private ShareableList(SharedMemory block)
    {
        _block = block;
        Span<byte> span = block.Span;
        if (span.Length < HeaderSize || BinaryPrimitives.ReadInt32LittleEndian(span) != Magic)
        {
            ThrowHelper.ThrowSharedMemoryBlockDoesNotHold(block.Name);
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        if (count < 0 || (long)HeaderSize + ((long)count * DescriptorSize) > span.Length)
        {
            ThrowHelper.ThrowShareableListCorruptHeader(block.Name);
        }

        _count = count;
    }

    /// <summary>Makes a list of <paramref name="items"/> in a new shared-memory block (Python's <c>ShareableList(sequence)</c>).</summary>
    /// <param name="items">The items: integers, floating point, bools, strings, byte arrays and nulls.</param>
    /// <exception cref="ArgumentException">An item is of another type, or an unsigned integer is above <see cref="long.MaxValue"/>.</exception>
    public ShareableList(IEnumerable<object?> items)
        : this(CreateBlock(items, out object?[] values), values)
    {
    }

    private ShareableList(SharedMemory block, object?[] values)
        : this(Format(block, values))
    {
    }

    private readonly int _count;

    /// <summary>The number of items (fixed). Python's <c>len(sl)</c>.</summary>
    /// <exception cref="ObjectDisposedException">The list was disposed.</exception>
    public int Count
    {
        get
        {
            ObjectDisposedException.ThrowIf(_block.IsClosed, this);
            return _count;
        }
    }

    /// <summary>The name of the block (Python's <c>shm.name</c>); attach to it with <see cref="Attach"/>.</summary>
    public string Name => _block.Name;

    /// <summary>The block itself (Python's <c>shm</c>).</summary>
    public SharedMemory SharedMemory => _block;

    /// <summary>Gets or replaces the item at <paramref name="index"/>.</summary>
    /// <param name="index">The index.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    /// <exception cref="ArgumentException">A string or byte array does not fit the item's slot, or the value is of an unsupported type.</exception>
    public object? this[int index]
    {
        get
        {
            (Kind kind, int length, int capacity, int offset) = Descriptor(index);
            ReadOnlySpan<byte> slot = _block.Span.Slice(offset, capacity);
            return kind switch
            {
                Kind.Null => null,
                Kind.Int64 => BinaryPrimitives.ReadInt64LittleEndian(slot),
                Kind.Double => BinaryPrimitives.ReadDoubleLittleEndian(slot),
                Kind.Boolean => slot[0] != 0,
                Kind.String => Encoding.UTF8.GetString(slot[..length]),
                Kind.Bytes => slot[..length].ToArray(),
                _ => throw ThrowHelper.CreateShareableListCorruptItem(Name, index),
            };
        }

        set
        {
            (_, _, int capacity, int offset) = Descriptor(index);
            (Kind kind, byte[]? bytes) = Classify(value, index);
            int length = bytes?.Length ?? 8;
            if (length > capacity)
            {
                ThrowHelper.ThrowBytesStrItemExceedsAvailableStorage(index, capacity, length, nameof(value));
            }

            Span<byte> span = _block.Span;
            WriteValue(span.Slice(offset, capacity), kind, value, bytes);
            WriteDescriptor(span, index, kind, length, capacity, offset);
        }
    }

    /// <summary>Attaches to a list another process made (Python's <c>ShareableList(name=…)</c>).</summary>
    /// <param name="name">The block's name.</param>
    /// <returns>The list.</returns>
    /// <exception cref="FileNotFoundException">No block has that name.</exception>
    /// <exception cref="InvalidDataException">The block does not hold a list.</exception>
    public static ShareableList Attach(string name) => new(SharedMemory.Attach(name));

    /// <summary>The index of the first item equal to <paramref name="value"/> (Python's <c>index</c>), or -1.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The index, or -1.</returns>
    public int IndexOf(object? value)
    {
        for (int i = 0; i < Count; i++)
        {
            if (ItemEquals(this[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many items equal <paramref name="value"/> (Python's <c>count</c>).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The count.</returns>
    public int CountOf(object? value) => this.Count(item => ItemEquals(item, value));

    /// <summary>Enumerates the items as they are now.</summary>
    /// <returns>The enumerator.</returns>
    /// <exception cref="ObjectDisposedException">The list was disposed.</exception>
    public IEnumerator<object?> GetEnumerator()
    {
        int count = Count; // throws at once when disposed, not at the first MoveNext
        return Items(count);
    }

    private IEnumerator<object?> Items(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Unmaps the block (and unlinks it if this list created it, as <see cref="SharedMemory.Dispose"/>).</summary>
    public void Dispose() => _block.Dispose();

    /// <summary>Python's <c>repr</c>: <c>ShareableList([1, 'a'], name='…')</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        try
        {
            return $"ShareableList([{string.Join(", ", this.Select(Repr))}], name='{Name}')";
        }
        catch (ObjectDisposedException)
        {
            return $"ShareableList(closed, name='{Name}')";
        }
    }

    /// <summary>Writes the block's name; the receiving process attaches to it.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The list (may be null).</param>
    public static void Write(ref WireWriter writer, ShareableList value) => writer.WriteString(value?.Name);

    /// <summary>Attaches to the list named in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The list.</returns>
    public static ShareableList Read(ref WireReader reader) => reader.ReadString() is { } name ? Attach(name) : null!;

    /// <summary>The block size for <paramref name="values"/>.</summary>
    internal static long SizeFor(object?[] values)
    {
        long size = HeaderSize + ((long)values.Length * DescriptorSize);
        for (int i = 0; i < values.Length; i++)
        {
            size += Capacity(Classify(values[i], i).Bytes);
        }

        return Math.Max(size, 8);
    }

    /// <summary>Writes <paramref name="values"/> into a new block and wraps it.</summary>
    internal static ShareableList Initialize(SharedMemory block, object?[] values) => new(Format(block, values));

    private static SharedMemory CreateBlock(IEnumerable<object?> items, out object?[] values)
    {
        ArgumentNullException.ThrowIfNull(items);
        values = [.. items];
        return SharedMemory.Create(SizeFor(values));
    }

    private static SharedMemory Format(SharedMemory block, object?[] values)
    {
        try
        {
            Span<byte> span = block.Span;
            BinaryPrimitives.WriteInt32LittleEndian(span, Magic);
            BinaryPrimitives.WriteInt32LittleEndian(span[4..], values.Length);
            int offset = HeaderSize + (values.Length * DescriptorSize);
            for (int i = 0; i < values.Length; i++)
            {
                (Kind kind, byte[]? bytes) = Classify(values[i], i);
                int capacity = Capacity(bytes);
                WriteValue(span.Slice(offset, capacity), kind, values[i], bytes);
                WriteDescriptor(span, i, kind, bytes?.Length ?? 8, capacity, offset);
                offset += capacity;
            }

            return block;
        }
        catch
        {
            block.Dispose();
            throw;
        }
    }

    private (Kind Kind, int Length, int Capacity, int Offset) Descriptor(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            ThrowHelper.ThrowIndexOutRangeShareableListItemsIndexError(nameof(index), index, Count);
        }

        ReadOnlySpan<byte> d = _block.Span.Slice(HeaderSize + (index * DescriptorSize), DescriptorSize);
        var kind = (Kind)BinaryPrimitives.ReadInt32LittleEndian(d);
        int length = BinaryPrimitives.ReadInt32LittleEndian(d[4..]);
        int capacity = BinaryPrimitives.ReadInt32LittleEndian(d[8..]);
        int offset = BinaryPrimitives.ReadInt32LittleEndian(d[12..]);
        if (capacity < 8 || length < 0 || length > capacity || offset < HeaderSize || (long)offset + capacity > _block.Size)
        {
            ThrowHelper.ThrowShareableListCorruptItem(Name, index);
        }

        return (kind, length, capacity, offset);
    }

    private static void WriteDescriptor(Span<byte> span, int index, Kind kind, int length, int capacity, int offset)
    {
        Span<byte> d = span.Slice(HeaderSize + (index * DescriptorSize), DescriptorSize);
        BinaryPrimitives.WriteInt32LittleEndian(d, (int)kind);
        BinaryPrimitives.WriteInt32LittleEndian(d[4..], length);
        BinaryPrimitives.WriteInt32LittleEndian(d[8..], capacity);
        BinaryPrimitives.WriteInt32LittleEndian(d[12..], offset);
    }

    private static void WriteValue(Span<byte> slot, Kind kind, object? value, byte[]? bytes)
    {
        slot.Clear();
        switch (kind)
        {
            case Kind.Int64:
                BinaryPrimitives.WriteInt64LittleEndian(slot, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case Kind.Double:
                BinaryPrimitives.WriteDoubleLittleEndian(slot, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case Kind.Boolean:
                slot[0] = (bool)value! ? (byte)1 : (byte)0;
                break;
            case Kind.String or Kind.Bytes:
                bytes!.CopyTo(slot);
                break;
        }
    }

    private static (Kind Kind, byte[]? Bytes) Classify(object? value, int index) => value switch
    {
        null => (Kind.Null, null),
        bool => (Kind.Boolean, null),
        sbyte or byte or short or ushort or int or uint or long => (Kind.Int64, null),
        ulong u when u <= long.MaxValue => (Kind.Int64, null),
        float or double => (Kind.Double, null),
        string s => (Kind.String, Encoding.UTF8.GetBytes(s)),
        byte[] b => (Kind.Bytes, (byte[])b.Clone()),
        _ => throw ThrowHelper.CreateItemShareableListHoldsIntegersFloatingPoint(index, value.GetType().Name, nameof(value)),
    };

    private static int Capacity(byte[]? bytes) => bytes is null ? 8 : Math.Max(8, (bytes.Length + 7) & ~7);

    private static bool ItemEquals(object? item, object? value) => item switch
    {
        null => value is null,
        byte[] b => value is byte[] other && b.AsSpan().SequenceEqual(other),
        long l => value is not null and not bool and not string and not byte[] && Classify(value, 0).Kind == Kind.Int64 && Convert.ToInt64(value, CultureInfo.InvariantCulture) == l,
        double d => value is float or double && Convert.ToDouble(value, CultureInfo.InvariantCulture).Equals(d),
        _ => item.Equals(value),
    };

    private static string Repr(object? item) => item switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => $"'{s}'",
        byte[] b => $"b'{Encoding.Latin1.GetString(b)}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => item.ToString() ?? string.Empty,
    };

    private enum Kind
    {
        Null = 0,
        Int64 = 1,
        Double = 2,
        Boolean = 3,
        String = 4,
        Bytes = 5,
    }
}
