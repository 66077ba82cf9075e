using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Multiproc.Serialization;

/// <summary>
/// Writes values in Multiproc's binary wire format (see <c>docs/wire-format.md</c>) into a pooled,
/// growable buffer. Generated serializers call it; user code rarely needs it directly.
/// Little-endian, no type names, lengths as 32-bit prefixes; <c>-1</c> encodes <see langword="null"/>.
/// Python's counterpart is <c>pickle.dumps</c>, which this deliberately does not resemble.
/// </summary>
/// <remarks>Call <see cref="Dispose"/> to return the buffer to the pool. Not thread-safe.</remarks>
public ref struct WireWriter
{
    private byte[] _buffer;
    private int _position;

    /// <summary>Creates a writer with a rented buffer of at least <paramref name="initialCapacity"/> bytes.</summary>
    /// <param name="initialCapacity">The initial buffer size in bytes.</param>
    public WireWriter(int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 64));
        _position = 0;
    }

    /// <summary>Creates a writer with a default initial capacity.</summary>
    public WireWriter() : this(256) { }

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer is null ? default : _buffer.AsSpan(0, _position);

    /// <summary>The number of bytes written so far.</summary>
    public readonly int WrittenCount => _position;

    /// <summary>Copies the written bytes into a new array.</summary>
    /// <returns>A new array holding exactly the written bytes.</returns>
    public readonly byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Discards what was written, keeping the buffer.</summary>
    public void Reset() => _position = 0;

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for the caller to fill.</summary>
    /// <param name="count">How many bytes to reserve.</param>
    /// <returns>A span of exactly <paramref name="count"/> bytes, valid until the next write.</returns>
    public Span<byte> GetSpan(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        EnsureCapacity(count);
        Span<byte> span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Writes an unmanaged value as its raw little-endian bytes.</summary>
    /// <typeparam name="T">An unmanaged type (primitive, enum or blittable struct).</typeparam>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUnmanaged<T>(T value) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        EnsureCapacity(size);
        Unsafe.WriteUnaligned(ref _buffer[_position], value);
        _position += size;
    }

    /// <summary>Writes a <see cref="bool"/> as one byte (0 or 1).</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value) => WriteUnmanaged(value ? (byte)1 : (byte)0);

    /// <summary>Writes a 32-bit signed integer.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt32(int value) => WriteUnmanaged(value);

    /// <summary>Writes a 64-bit signed integer.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt64(long value) => WriteUnmanaged(value);

    /// <summary>Writes a 64-bit unsigned integer.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64(ulong value) => WriteUnmanaged(value);

    /// <summary>Writes a <see cref="double"/>.</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value) => WriteUnmanaged(value);

    /// <summary>Writes a length or count prefix; <c>-1</c> stands for <see langword="null"/>.</summary>
    /// <param name="count">The element count, or -1 for null.</param>
    public void WriteCollectionHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, -1);
        WriteUnmanaged(count);
    }

    /// <summary>Writes the null marker (a count of -1).</summary>
    public void WriteNullHeader() => WriteUnmanaged(-1);

    /// <summary>Writes a one-byte presence flag for nullable values and reference-type objects.</summary>
    /// <param name="hasValue">True when a value follows.</param>
    public void WritePresence(bool hasValue) => WriteUnmanaged(hasValue ? (byte)1 : (byte)0);

    /// <summary>Writes a string as a UTF-16 code-unit count followed by the code units (block-copied); null as -1.</summary>
    /// <param name="value">The string, or null.</param>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNullHeader();
            return;
        }

        WriteUnmanaged(value.Length);
        WriteRaw(MemoryMarshal.AsBytes(value.AsSpan()));
    }

    /// <summary>Writes a span of unmanaged values as a count followed by their bytes, block-copied.</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="values">The values.</param>
    public void WriteUnmanagedSpan<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        WriteUnmanaged(values.Length);
        WriteRaw(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Writes an array of unmanaged values (block-copied); null as -1.</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="values">The array, or null.</param>
    public void WriteUnmanagedArray<T>(T[]? values) where T : unmanaged
    {
        if (values is null)
        {
            WriteNullHeader();
            return;
        }

        WriteUnmanagedSpan<T>(values);
    }

    /// <summary>Writes raw bytes with no prefix.</summary>
    /// <param name="bytes">The bytes.</param>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>Returns the buffer to the pool. The writer must not be used afterwards.</summary>
    public void Dispose()
    {
        byte[]? buffer = _buffer;
        _buffer = null!;
        _position = 0;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureCapacity(int count)
    {
        if (_buffer is null || _buffer.Length - _position < count)
        {
            Grow(count);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(count, 256));
            return;
        }

        long needed = (long)_position + count;
        if (needed > Array.MaxLength)
        {
            ThrowHelper.ThrowMessageBytesExceedsLargestBufferNET(needed, Array.MaxLength);
        }

        int newSize = (int)Math.Min(Math.Max(needed, (long)_buffer.Length * 2), Array.MaxLength);
        byte[] next = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _position).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
