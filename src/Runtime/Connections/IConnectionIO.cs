namespace Multiproc.Connections;

/// <summary>
/// How a <see cref="Connection"/> moves bytes: the framing and the authentication handshake are written once,
/// as <c>async ValueTask</c> methods generic over this adapter (SslStream's <c>IReadWriteAdapter</c> idea).
/// <see cref="SyncConnectionIO"/> blocks the calling thread and completes every task synchronously, so the
/// blocking API allocates no state machine; <see cref="AsyncConnectionIO"/> waits without a thread.
/// </summary>
internal interface IConnectionIO
{
    /// <summary>Reads at least one byte into <paramref name="buffer"/>; 0 means end of stream.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="buffer">Where to put the bytes (not empty).</param>
    /// <param name="deadline">For the blocking adapter: <see cref="Environment.TickCount64"/> to give up at, or <see cref="long.MaxValue"/>.</param>
    /// <param name="cancellationToken">For the asynchronous adapter: cancels the wait.</param>
    static abstract ValueTask<int> ReadAsync(Connection connection, Memory<byte> buffer, long deadline, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="header"/> then <paramref name="body"/> completely.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="header">The frame header.</param>
    /// <param name="body">The message.</param>
    /// <param name="cancellationToken">For the asynchronous adapter: cancels the wait.</param>
    static abstract ValueTask WriteAsync(Connection connection, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
