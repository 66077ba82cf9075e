using System.Buffers.Binary;
using System.Diagnostics;

namespace Multiproc.Pools;

/// <summary>
/// The payload of a <see cref="WorkerMessage.Task"/> frame (docs/wire-format.md): which target to run, its
/// schema hash, and a run of items' encoded arguments, <c>ulong target id, ulong schema hash, int count,
/// count × (int length, argument bytes)</c>. The parent encodes it straight into the worker's send buffer
/// (<see cref="Encode"/>); the worker decodes it in place from its receive buffer (<see cref="TryDecode"/>)
/// and walks the items with <c>foreach</c>. Neither side copies an argument or allocates.
/// </summary>
internal readonly ref struct TaskFrame
{
    /// <summary>Bytes before the first item: target id, schema hash, item count.</summary>
    public const int HeaderLength = 20;

    /// <summary>Bytes before each item's arguments: their length.</summary>
    public const int ItemHeaderLength = 4;

    private readonly ReadOnlySpan<byte> _items;

    private TaskFrame(ulong targetId, ulong schemaHash, int count, ReadOnlySpan<byte> items)
    {
        TargetId = targetId;
        SchemaHash = schemaHash;
        Count = count;
        _items = items;
    }

    /// <summary>The target's id in the dispatch table.</summary>
    public ulong TargetId { get; }

    /// <summary>The target's signature hash, checked against the worker's build.</summary>
    public ulong SchemaHash { get; }

    /// <summary>How many items.</summary>
    public int Count { get; }

    /// <summary>
    /// The size of the whole frame on the channel (<see cref="WorkerFrameHeader"/> included) for
    /// <paramref name="count"/> items whose arguments take <paramref name="argumentBytes"/> bytes together.
    /// </summary>
    public static int WireLength(int count, int argumentBytes) =>
        WorkerFrameHeader.Length + HeaderLength + (ItemHeaderLength * count) + argumentBytes;

    /// <summary>
    /// Writes the whole frame (header and payload) for items <paramref name="first"/> ..
    /// <paramref name="first"/> + <paramref name="count"/> − 1 of <paramref name="args"/> at the start of
    /// <paramref name="destination"/>, which must hold <see cref="WireLength"/> bytes.
    /// </summary>
    /// <returns>The bytes written.</returns>
    public static int Encode(Span<byte> destination, ulong targetId, ulong schemaHash, ArgBlock args, int first, int count)
    {
        int length = WireLength(count, args.Offsets[first + count] - args.Offsets[first]);
        WorkerFrameHeader.Write(destination, WorkerMessage.Task, length - WorkerFrameHeader.Length);
        Span<byte> payload = destination[WorkerFrameHeader.Length..length];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, targetId);
        BinaryPrimitives.WriteUInt64LittleEndian(payload[8..], schemaHash);
        BinaryPrimitives.WriteInt32LittleEndian(payload[16..], count);
        int position = HeaderLength;
        for (int i = first; i < first + count; i++)
        {
            int itemLength = args.LengthOf(i);
            BinaryPrimitives.WriteInt32LittleEndian(payload[position..], itemLength);
            args.Data.AsSpan(args.Offsets[i], itemLength).CopyTo(payload[(position + ItemHeaderLength)..]);
            position += ItemHeaderLength + itemLength;
        }

        Debug.Assert(position == payload.Length, "task frame length mismatch");
        return length;
    }

    /// <summary>
    /// Reads a frame of <paramref name="kind"/> from its payload (what follows the kind byte). False when it is
    /// not a Task frame or is malformed: shorter than its
    /// header, a negative count, an item length that is negative or runs past the end, or bytes left over.
    /// Every item is checked here, so walking them afterwards cannot fail.
    /// </summary>
    public static bool TryDecode(WorkerMessage kind, ReadOnlySpan<byte> payload, out TaskFrame frame)
    {
        frame = default;
        if (kind != WorkerMessage.Task || payload.Length < HeaderLength)
        {
            return false;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(payload[16..]);
        ReadOnlySpan<byte> items = payload[HeaderLength..];
        if (count < 0 || count > items.Length / ItemHeaderLength)
        {
            return false;
        }

        int position = 0;
        for (int i = 0; i < count; i++)
        {
            if (items.Length - position < ItemHeaderLength)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(items[position..]);
            if (length < 0 || length > items.Length - position - ItemHeaderLength)
            {
                return false;
            }

            position += ItemHeaderLength + length;
        }

        if (position != items.Length)
        {
            return false;
        }

        frame = new TaskFrame(BinaryPrimitives.ReadUInt64LittleEndian(payload), BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]), count, items);
        return true;
    }

    /// <summary>Walks the items' encoded arguments, in order.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_items);

    /// <summary>Yields each item's argument bytes (a slice of the decoded payload).</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _items;
        private int _next;

        internal Enumerator(ReadOnlySpan<byte> items) => _items = items;

        /// <summary>The current item's argument bytes.</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>Moves to the next item; false after the last.</summary>
        /// <returns>Whether there is a current item.</returns>
        public bool MoveNext()
        {
            if (_next >= _items.Length)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(_items[_next..]);
            Current = _items.Slice(_next + ItemHeaderLength, length);
            _next += ItemHeaderLength + length;
            return true;
        }
    }
}
