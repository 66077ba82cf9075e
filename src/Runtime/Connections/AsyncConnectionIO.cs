using System.Buffers;
using System.Net.Sockets;

namespace Multiproc.Connections;

/// <summary>
/// The asynchronous adapter: the connection's <see cref="Socket"/>, whose waits use the runtime's socket
/// engine (epoll) instead of a blocked thread.
/// </summary>
internal readonly struct AsyncConnectionIO : IConnectionIO
{
    /// <summary>Messages up to this size go out with their header in one send, as CPython does.</summary>
    private const int CoalesceLimit = 16 * 1024;

    public static async ValueTask<int> ReadAsync(Connection connection, Memory<byte> buffer, long deadline, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw ThrowHelper.CreateConnectionSocketError(e);
        }
    }

    public static async ValueTask WriteAsync(Connection connection, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        try
        {
            if (body.Length <= CoalesceLimit)
            {
                int total = header.Length + body.Length;
                byte[] rented = ArrayPool<byte>.Shared.Rent(total);
                try
                {
                    header.CopyTo(rented);
                    body.CopyTo(rented.AsMemory(header.Length));
                    await SendAllAsync(connection.Socket, rented.AsMemory(0, total), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }

                return;
            }

            await SendAllAsync(connection.Socket, header, cancellationToken).ConfigureAwait(false);
            await SendAllAsync(connection.Socket, body, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw ThrowHelper.CreateConnectionSocketError(e);
        }
    }

    private static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            int sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }
}
