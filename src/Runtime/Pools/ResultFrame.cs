using System.Buffers.Binary;

namespace Multiproc.Pools;

/// <summary>
/// The payload of a <see cref="WorkerMessage.Results"/> frame (docs/wire-format.md): the outcomes of the
/// next items in dispatch order, <c>int count, count × (byte status, int length, bytes)</c>. The worker
/// builds it item by item in a reused buffer (<see cref="ResultBatch"/> with <see cref="EncodeItem"/> and
/// <see cref="EncodeHeader"/>); the parent decodes it in place (<see cref="TryDecode"/>) and walks the
/// items with <see cref="GetEnumerator"/>. Neither side copies a result or allocates.
/// </summary>
internal readonly ref struct ResultFrame
{
    /// <summary>Bytes of the whole frame before the first item: <see cref="WorkerFrameHeader"/> and the count.</summary>
    public const int WireHeaderLength = WorkerFrameHeader.Length + 4;

    /// <summary>Bytes before each item's data: status and length.</summary>
    public const int ItemHeaderLength = 5;

    private readonly ReadOnlySpan<byte> _items;

    private ResultFrame(int count, ReadOnlySpan<byte> items)
    {
        Count = count;
        _items = items;
    }

    /// <summary>How many items' outcomes the frame holds.</summary>
    public int Count { get; }

    /// <summary>Writes one item's outcome at the start of <paramref name="destination"/>, which must hold <see cref="ItemHeaderLength"/> + <paramref name="data"/>.Length bytes.</summary>
    public static void EncodeItem(Span<byte> destination, ItemStatus status, ReadOnlySpan<byte> data)
    {
        destination[0] = (byte)status;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], data.Length);
        data.CopyTo(destination[ItemHeaderLength..]);
    }

    /// <summary>
    /// Writes the frame's header in front of <paramref name="count"/> items written with <see cref="EncodeItem"/>
    /// from offset <see cref="WireHeaderLength"/>; <paramref name="frame"/> is the whole frame.
    /// </summary>
    public static void EncodeHeader(Span<byte> frame, int count)
    {
        WorkerFrameHeader.Write(frame, WorkerMessage.Results, frame.Length - WorkerFrameHeader.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame[WorkerFrameHeader.Length..], count);
    }

    /// <summary>
    /// Reads a frame of <paramref name="kind"/> from its payload (what follows the kind byte). False when it is
    /// not a Results frame or is malformed: shorter than its
    /// count, a count below 1, an unknown status, an item length that is negative or runs past the end, or
    /// bytes left over. Every item is checked here, so walking them afterwards cannot fail.
    /// </summary>
    public static bool TryDecode(WorkerMessage kind, ReadOnlySpan<byte> payload, out ResultFrame frame)
    {
        frame = default;
        if (kind != WorkerMessage.Results || payload.Length < 4)
        {
            return false;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(payload);
        ReadOnlySpan<byte> items = payload[4..];
        if (count < 1 || count > items.Length / ItemHeaderLength)
        {
            return false;
        }

        int position = 0;
        for (int i = 0; i < count; i++)
        {
            if (items.Length - position < ItemHeaderLength || items[position] > (byte)ItemStatus.Threw)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(items[(position + 1)..]);
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

        frame = new ResultFrame(count, items);
        return true;
    }

    /// <summary>Walks the items' outcomes, in order.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(_items);

    /// <summary>Yields each item's status and data (a slice of the decoded payload).</summary>
    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<byte> _items;
        private int _next;

        internal Enumerator(ReadOnlySpan<byte> items) => _items = items;

        /// <summary>How the current item ended.</summary>
        public ItemStatus Status { get; private set; }

        /// <summary>The current item's encoded result or exception.</summary>
        public ReadOnlySpan<byte> Data { get; private set; }

        /// <summary>Moves to the next item; false after the last.</summary>
        /// <returns>Whether there is a current item.</returns>
        public bool MoveNext()
        {
            if (_next >= _items.Length)
            {
                return false;
            }

            Status = (ItemStatus)_items[_next];
            int length = BinaryPrimitives.ReadInt32LittleEndian(_items[(_next + 1)..]);
            Data = _items.Slice(_next + ItemHeaderLength, length);
            _next += ItemHeaderLength + length;
            return true;
        }
    }
}
