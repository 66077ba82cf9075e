using System.Buffers;
using System.Net.Sockets;
using Multiproc.Connections;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>The asynchronous members: the same messages as the blocking ones, waiting without a thread.</summary>
public sealed partial class Connection
{
    /// <summary>Sends <paramref name="value"/> as one message without blocking the thread: Python's <c>send(obj)</c>.</summary>
    /// <typeparam name="T">A type with a wire serializer.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the wait; a send cancelled half-way leaves the peer with a broken stream.</param>
    /// <returns>A task that completes when the message has been handed to the operating system.</returns>
    /// <exception cref="InvalidOperationException">The connection is read-only, or <typeparamref name="T"/> has no serializer.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    /// <exception cref="IOException">The peer has closed the connection.</exception>
    public async ValueTask SendAsync<T>(T value, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        byte[] rented = Encode(WireSerializer<T>.Default, value, out int length);
        try
        {
            await SendFrameAsync<AsyncConnectionIO>(rented.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Sends <paramref name="data"/> as one message without blocking the thread: Python's <c>send_bytes(buf)</c>.</summary>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels the wait; a send cancelled half-way leaves the peer with a broken stream.</param>
    /// <returns>A task that completes when the message has been handed to the operating system.</returns>
    /// <exception cref="InvalidOperationException">The connection is read-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    /// <exception cref="IOException">The peer has closed the connection.</exception>
    public ValueTask SendBytesAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        SendFrameAsync<AsyncConnectionIO>(data, cancellationToken);

    /// <summary>
    /// Sends <paramref name="size"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/> as one message without
    /// blocking the thread: Python's <c>send_bytes(buf, offset, size)</c>.
    /// </summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="offset">Where the message starts.</param>
    /// <param name="size">How many bytes; null sends the rest of the buffer.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the message has been handed to the operating system.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The offset or size is negative or runs past the buffer.</exception>
    public ValueTask SendBytesAsync(byte[] buffer, int offset, int? size = null, CancellationToken cancellationToken = default) =>
        SendFrameAsync<AsyncConnectionIO>(SliceForSend(buffer, offset, size), cancellationToken);

    /// <summary>Receives and decodes one message without blocking the thread: Python's <c>recv()</c>.</summary>
    /// <typeparam name="T">The type that was sent.</typeparam>
    /// <param name="cancellationToken">
    /// Cancels the wait. Cancelled before the message began to arrive, the connection stays usable; cancelled in the
    /// middle of a message, it can no longer receive.
    /// </param>
    /// <returns>The value.</returns>
    /// <exception cref="EndOfStreamException">The peer has closed the connection and every message was received.</exception>
    /// <exception cref="WireFormatException">The message is not a valid encoding of <typeparamref name="T"/>.</exception>
    /// <exception cref="MessageLengthException">The frame is malformed; this end can no longer receive (a duplex end stays open for sending).</exception>
    /// <exception cref="InvalidOperationException">The connection is write-only, or <typeparamref name="T"/> has no serializer.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public async ValueTask<T> RecvAsync<T>(CancellationToken cancellationToken = default)
    {
        WireSerializer<T> serializer = WireSerializer<T>.Default;
        EnsureReadable();
        byte[] rented = await ReceivePooledAsync<AsyncConnectionIO>(long.MaxValue, cancellationToken).ConfigureAwait(false);
        return DecodePooled(serializer, rented);
    }

    /// <summary>Receives one message as bytes without blocking the thread: Python's <c>recv_bytes(maxlength)</c>.</summary>
    /// <param name="maxLength">The longest message accepted; null for no limit. A longer one closes the connection.</param>
    /// <param name="cancellationToken">Cancels the wait (see <see cref="RecvAsync{T}"/>).</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is negative.</exception>
    /// <exception cref="MessageLengthException">The message is too long or the frame is malformed; this end can no longer receive (a duplex end stays open for sending).</exception>
    /// <exception cref="EndOfStreamException">The peer has closed the connection and every message was received.</exception>
    /// <exception cref="InvalidOperationException">The connection is write-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public ValueTask<byte[]> RecvBytesAsync(int? maxLength = null, CancellationToken cancellationToken = default)
    {
        long limit = CheckMaxLength(maxLength);
        EnsureReadable();
        return ReceiveBytesAsync<AsyncConnectionIO>(limit, long.MaxValue, cancellationToken);
    }

    /// <summary>
    /// Receives one message into <paramref name="buffer"/> at <paramref name="offset"/> without blocking the thread:
    /// Python's <c>recv_bytes_into(buf, offset)</c>.
    /// </summary>
    /// <param name="buffer">Where to put the message.</param>
    /// <param name="offset">Where in <paramref name="buffer"/> the message goes.</param>
    /// <param name="cancellationToken">Cancels the wait (see <see cref="RecvAsync{T}"/>).</param>
    /// <returns>The message length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or past the end of the buffer.</exception>
    /// <exception cref="BufferTooShortException">The message does not fit; it is consumed and carried by the exception.</exception>
    /// <exception cref="EndOfStreamException">The peer has closed the connection and every message was received.</exception>
    public ValueTask<int> RecvBytesIntoAsync(byte[] buffer, int offset = 0, CancellationToken cancellationToken = default)
    {
        CheckOffset(buffer, offset);
        EnsureReadable();
        return ReceiveIntoAsync<AsyncConnectionIO>(buffer, offset, cancellationToken);
    }

    /// <summary>
    /// Waits without blocking the thread until there is something to receive or the timeout passes: Python's
    /// <c>poll(timeout)</c>.
    /// </summary>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when there is something to receive (a message or the end of the stream).</returns>
    /// <exception cref="InvalidOperationException">The connection is write-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public async ValueTask<bool> PollAsync(TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        int milliseconds = ToMilliseconds(timeout);
        if (Poll(TimeSpan.Zero) || milliseconds == 0)
        {
            return Poll(TimeSpan.Zero);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (milliseconds > 0)
        {
            timeoutSource.CancelAfter(milliseconds);
        }

        byte[] peek = new byte[1];
        try
        {
            // A one-byte peek completes when data or the end of the stream arrives and consumes nothing.
            await _socket.ReceiveAsync(peek, SocketFlags.Peek, timeoutSource.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (SocketException e)
        {
            throw ThrowHelper.CreateConnectionSocketError(e);
        }
    }

    /// <summary>Serializes <paramref name="value"/> into a pooled array; returns it and the used length.</summary>
    private static byte[] Encode<T>(WireSerializer<T> serializer, T value, out int length)
    {
        var writer = new WireWriter();
        try
        {
            serializer.Write(ref writer, value);
            length = writer.WrittenCount;
            byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            writer.WrittenSpan.CopyTo(rented);
            return rented;
        }
        finally
        {
            writer.Dispose();
        }
    }
}
