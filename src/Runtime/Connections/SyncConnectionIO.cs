namespace Multiproc.Connections;

/// <summary>The blocking adapter: <c>poll</c>, <c>recv</c> and <c>sendmsg</c> on the connection's descriptor.</summary>
internal readonly struct SyncConnectionIO : IConnectionIO
{
    public static ValueTask<int> ReadAsync(Connection connection, Memory<byte> buffer, long deadline, CancellationToken cancellationToken) =>
        new(connection.ReadSome(buffer.Span, deadline));

    public static ValueTask WriteAsync(Connection connection, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        connection.WriteAll(header.Span, body.Span);
        return default;
    }
}
