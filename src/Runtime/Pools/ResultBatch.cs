namespace Multiproc.Pools;

/// <summary>
/// A worker's pending results, already laid out as one <see cref="ResultFrame"/> in a buffer reused across
/// batches (no allocation per item); <see cref="Seal"/> writes the header in front and hands the frame out.
/// </summary>
internal sealed class ResultBatch
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _length = ResultFrame.WireHeaderLength;

    /// <summary>How many results are pending.</summary>
    public int Count { get; private set; }

    /// <summary>The frame's length so far, in bytes.</summary>
    public int Length => _length;

    /// <summary>When the oldest pending result was added (<see cref="Environment.TickCount64"/>).</summary>
    public long OldestTick { get; private set; } = long.MaxValue;

    public void Add(ItemStatus status, ReadOnlySpan<byte> payload)
    {
        if (Count == 0)
        {
            OldestTick = Environment.TickCount64;
        }

        int needed = _length + ResultFrame.ItemHeaderLength + payload.Length;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        ResultFrame.EncodeItem(_buffer.AsSpan(_length), status, payload);
        _length = needed;
        Count++;
    }

    /// <summary>Completes the frame and returns it; the batch is empty again afterwards (the span stays valid until the next Add).</summary>
    public ReadOnlySpan<byte> Seal()
    {
        Span<byte> frame = _buffer.AsSpan(0, _length);
        ResultFrame.EncodeHeader(frame, Count);
        _length = ResultFrame.WireHeaderLength;
        Count = 0;
        OldestTick = long.MaxValue;
        return frame;
    }
}
