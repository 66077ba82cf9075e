using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Multiproc.Serialization;

/// <summary>
/// Reads Multiproc's binary wire format (see <c>docs/wire-format.md</c>) from a span of bytes received
/// from another process. Every length is checked against the bytes that remain and nesting depth is
/// limited, so malformed or truncated input raises <see cref="WireFormatException"/> and never causes a
/// crash or an allocation larger than the input. Python's counterpart is <c>pickle.loads</c>, without
/// its ability to construct arbitrary types.
/// </summary>
public ref struct WireReader
{
    /// <summary>The deepest nesting of objects and collections a reader accepts.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _depth;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    /// <param name="data">The encoded bytes.</param>
    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        _depth = 0;
    }

    /// <summary>How many bytes remain unread.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>How many bytes have been read.</summary>
    public readonly int Consumed => _position;

    /// <summary>Reads an unmanaged value from its raw little-endian bytes.</summary>
    /// <typeparam name="T">An unmanaged type.</typeparam>
    /// <returns>The value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T ReadUnmanaged<T>() where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if (Remaining < size)
        {
            ThrowTruncated(size);
        }

        T value = Unsafe.ReadUnaligned<T>(ref Unsafe.AsRef(in _data[_position]));
        _position += size;
        return value;
    }

    /// <summary>Reads a <see cref="bool"/> written by <see cref="WireWriter.WriteBoolean"/>; any byte other than 0 or 1 is rejected.</summary>
    /// <returns>The value.</returns>
    public bool ReadBoolean()
    {
        byte b = ReadUnmanaged<byte>();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw ThrowHelper.CreateInvalidBooleanByteOffset(b, _position - 1),
        };
    }

    /// <summary>Reads a 32-bit signed integer.</summary>
    /// <returns>The value.</returns>
    public int ReadInt32() => ReadUnmanaged<int>();

    /// <summary>Reads a 64-bit signed integer.</summary>
    /// <returns>The value.</returns>
    public long ReadInt64() => ReadUnmanaged<long>();

    /// <summary>Reads a 64-bit unsigned integer.</summary>
    /// <returns>The value.</returns>
    public ulong ReadUInt64() => ReadUnmanaged<ulong>();

    /// <summary>Reads a <see cref="double"/>.</summary>
    /// <returns>The value.</returns>
    public double ReadDouble() => ReadUnmanaged<double>();

    /// <summary>Reads a presence flag written by <see cref="WireWriter.WritePresence"/>.</summary>
    /// <returns>True when a value follows.</returns>
    public bool ReadPresence()
    {
        byte b = ReadUnmanaged<byte>();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw ThrowHelper.CreateInvalidPresenceByteOffset(b, _position - 1),
        };
    }

    /// <summary>
    /// Reads a count prefix and checks that <paramref name="minimumElementSize"/> bytes per element
    /// could still follow, so that a forged count cannot make the caller allocate more than the input.
    /// </summary>
    /// <param name="minimumElementSize">The fewest bytes one element can occupy (at least 1 is assumed).</param>
    /// <returns>The count, or -1 for null.</returns>
    public int ReadCollectionHeader(int minimumElementSize)
    {
        int offset = _position;
        int count = ReadUnmanaged<int>();
        if (count == -1)
        {
            return -1;
        }

        if (count < -1)
        {
            ThrowHelper.ThrowInvalidLengthOffset(count, offset);
        }

        long needed = (long)count * Math.Max(1, minimumElementSize);
        if (needed > Remaining)
        {
            ThrowHelper.ThrowLengthOffsetNeedsLeastBytesBut(count, offset, needed, Remaining);
        }

        return count;
    }

    /// <summary>Reads a string written by <see cref="WireWriter.WriteString"/>.</summary>
    /// <returns>The string, or null.</returns>
    public string? ReadString()
    {
        int length = ReadCollectionHeader(sizeof(char));
        if (length < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> bytes = ReadRaw(length * sizeof(char));
        return new string(MemoryMarshal.Cast<byte, char>(bytes));
    }

    /// <summary>Reads an array written by <see cref="WireWriter.WriteUnmanagedArray{T}"/>.</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <returns>The array, or null.</returns>
    public T[]? ReadUnmanagedArray<T>() where T : unmanaged
    {
        int length = ReadCollectionHeader(Unsafe.SizeOf<T>());
        if (length < 0)
        {
            return null;
        }

        T[] result = length == 0 ? [] : new T[length];
        ReadRaw(length * Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes without copying them.</summary>
    /// <param name="count">How many bytes.</param>
    /// <returns>A slice of the input.</returns>
    public ReadOnlySpan<byte> ReadRaw(int count)
    {
        if (count < 0 || Remaining < count)
        {
            ThrowTruncated(count);
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Enters one level of object or collection nesting; throws past <see cref="MaxDepth"/>.</summary>
    public void EnterNested()
    {
        if (++_depth > MaxDepth)
        {
            ThrowHelper.ThrowNestingDeeperThanLevels(MaxDepth);
        }
    }

    /// <summary>Leaves one level of nesting entered with <see cref="EnterNested"/>.</summary>
    public void ExitNested() => _depth--;

    /// <summary>Throws unless every byte was read; catches messages with trailing garbage.</summary>
    public readonly void EnsureFullyConsumed()
    {
        if (Remaining != 0)
        {
            ThrowHelper.ThrowUnexpectedTrailingBytesAfterOffset(Remaining, _position);
        }
    }

    /// <summary>Throws the exception for an invalid enum or union tag value.</summary>
    /// <param name="typeName">The type being read.</param>
    /// <param name="value">The value found.</param>
    public static void ThrowInvalidValue(string typeName, long value) =>
        ThrowHelper.ThrowInvalidValue(value, typeName);

    private readonly void ThrowTruncated(int needed) =>
        ThrowHelper.ThrowTruncatedInputBytesNeededOffsetRemain(needed, _position, Remaining);
}
