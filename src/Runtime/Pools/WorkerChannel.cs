namespace Multiproc.Pools;

/// <summary>
/// One end of a pool worker's task channel (the parent's or the worker's): the runtime's <see cref="FramedChannel"/>
/// received buffered (many task frames per <c>recv</c>, parsed in place) with the kinds of <see cref="WorkerMessage"/>.
/// </summary>
internal sealed class WorkerChannel : IDisposable
{
    private readonly FramedChannel _channel;

    public WorkerChannel(int fd) => _channel = new FramedChannel(fd, "a pool worker's task channel");

    /// <summary>Takes the next complete frame from the buffer, if there is one.</summary>
    public bool TryTakeFrame(out WorkerMessage kind, out ReadOnlyMemory<byte> payload)
    {
        bool taken = _channel.TryTakeFrame(out byte raw, out payload);
        kind = (WorkerMessage)raw;
        return taken;
    }

    /// <summary>Blocks until more bytes arrive; false at end of stream (the parent closed the channel or died).</summary>
    public bool ReceiveMore() => _channel.ReceiveMore();

    /// <summary>Sends bytes (whole frames); false when the parent is gone.</summary>
    public bool Send(ReadOnlySpan<byte> frames) => _channel.Send(frames);

    /// <summary>Sends one frame.</summary>
    public void SendMessage(WorkerMessage kind, ReadOnlySpan<byte> payload) => _channel.SendFrame((byte)kind, payload);

    public void Dispose() => _channel.Dispose();
}
