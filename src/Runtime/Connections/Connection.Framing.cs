using System.Buffers;
using System.Buffers.Binary;
using Multiproc.Connections;
using Multiproc.Resources;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// The framing of CPython's <c>multiprocessing.connection</c>, written once as <c>async ValueTask</c> methods generic over
/// an <see cref="IConnectionIO"/> adapter: blocking members run them with <see cref="SyncConnectionIO"/> (completing
/// synchronously), asynchronous members with <see cref="AsyncConnectionIO"/>.
/// </summary>
public sealed partial class Connection
{
    /// <summary>Receives one message into a new array, at most <paramref name="maxLength"/> bytes long.</summary>
    internal async ValueTask<byte[]> ReceiveBytesAsync<TIO>(long maxLength, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        try
        {
            int size = CheckLength(await ReadLengthAsync<TIO>(deadline, cancellationToken).ConfigureAwait(false), maxLength);
            byte[] message = size == 0 ? [] : GC.AllocateUninitializedArray<byte>(size);
            await ReadBodyAsync<TIO>(message, deadline, cancellationToken).ConfigureAwait(false);
            return message;
        }
        catch (Exception) when (NoteInterrupted())
        {
            throw;
        }
    }

    /// <summary>Receives one message into a pooled array whose first 4 bytes hold its length (little-endian).</summary>
    private async ValueTask<byte[]> ReceivePooledAsync<TIO>(long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        byte[]? rented = null;
        try
        {
            int size = CheckLength(await ReadLengthAsync<TIO>(deadline, cancellationToken).ConfigureAwait(false), Array.MaxLength - 4);
            rented = ArrayPool<byte>.Shared.Rent(size + 4);
            BitConverter.TryWriteBytes(rented, size);
            await ReadBodyAsync<TIO>(rented.AsMemory(4, size), deadline, cancellationToken).ConfigureAwait(false);
            return rented;
        }
        catch (Exception) when (NoteInterrupted())
        {
            throw;
        }
        catch
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            throw;
        }
    }

    /// <summary>Decodes and returns a pooled message from <see cref="ReceivePooledAsync"/>.</summary>
    private static T DecodePooled<T>(WireSerializer<T> serializer, byte[] rented)
    {
        try
        {
            int size = BitConverter.ToInt32(rented, 0);
            return serializer.Deserialize(rented.AsSpan(4, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Receives one message into <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
    private async ValueTask<int> ReceiveIntoAsync<TIO>(byte[] buffer, int offset, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        try
        {
            long length = await ReadLengthAsync<TIO>(long.MaxValue, cancellationToken).ConfigureAwait(false);
            int available = buffer.Length - offset;
            if (length <= available)
            {
                await ReadBodyAsync<TIO>(buffer.AsMemory(offset, (int)length), long.MaxValue, cancellationToken).ConfigureAwait(false);
                return (int)length;
            }

            byte[] whole = GC.AllocateUninitializedArray<byte>(CheckLength(length, long.MaxValue));
            await ReadBodyAsync<TIO>(whole, long.MaxValue, cancellationToken).ConfigureAwait(false);
            throw new BufferTooShortException(whole, available);
        }
        catch (Exception) when (NoteInterrupted())
        {
            throw;
        }
    }

    /// <summary>Sends one frame through an adapter (the handshake and the asynchronous members use it).</summary>
    internal ValueTask SendFrameAsync<TIO>(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        EnsureWritable();
        BinaryPrimitives.WriteInt32BigEndian(_sendHeader, body.Length);
        return TIO.WriteAsync(this, _sendHeader, body, cancellationToken);
    }

    /// <summary>Reads a frame header and returns the announced length.</summary>
    private async ValueTask<long> ReadLengthAsync<TIO>(long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        if (_readBroken is not null)
        {
            ThrowHelper.ThrowConnectionReadBroken(_readBroken);
        }

        _consumedInMessage = 0;
        int got = await ReadExactAsync<TIO>(_receiveHeader.AsMemory(0, 4), deadline, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            throw ThrowHelper.CreateEndOfStream();
        }

        if (got < 4)
        {
            throw ThrowHelper.CreateEndOfStreamInHeader(got, 4);
        }

        int size = BinaryPrimitives.ReadInt32BigEndian(_receiveHeader);
        if (size >= 0)
        {
            return size;
        }

        if (size != -1)
        {
            throw BadLength(ThrowHelper.Format(SR.Connection_NegativeFrameLength, size), size);
        }

        got = await ReadExactAsync<TIO>(_receiveHeader.AsMemory(0, 8), deadline, cancellationToken).ConfigureAwait(false);
        if (got < 8)
        {
            throw ThrowHelper.CreateEndOfStreamInHeader(4 + got, 12);
        }

        ulong large = BinaryPrimitives.ReadUInt64BigEndian(_receiveHeader);
        return large > long.MaxValue
            ? throw BadLength(ThrowHelper.Format(SR.Connection_ImpossibleFrameLength, large), -1)
            : (long)large;
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes of a message body.</summary>
    private async ValueTask ReadBodyAsync<TIO>(Memory<byte> destination, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        int got = await ReadExactAsync<TIO>(destination, deadline, cancellationToken).ConfigureAwait(false);
        if (got < destination.Length)
        {
            throw ThrowHelper.CreateEndOfStreamInMessage(got, destination.Length);
        }

        // The message is consumed whole: an error from here on (too short a buffer, a decoding failure) leaves the stream in step.
        _consumedInMessage = 0;
    }

    /// <summary>Reads until <paramref name="destination"/> is full or the stream ends; returns the count read.</summary>
    private async ValueTask<int> ReadExactAsync<TIO>(Memory<byte> destination, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        int total = 0;
        while (total < destination.Length)
        {
            EnsureOpen();
            int read = await TIO.ReadAsync(this, destination[total..], deadline, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
            _consumedInMessage += read;
        }

        return total;
    }

    /// <summary>
    /// Exception filter: a receive that stops after consuming part of a message leaves the stream out of step,
    /// so receiving is refused from then on. Always returns false (the exception propagates unchanged).
    /// </summary>
    private bool NoteInterrupted()
    {
        if (_consumedInMessage > 0 && !_closed)
        {
            _readBroken ??= "an earlier receive stopped in the middle of a message (cancelled, timed out or failed), so the stream is out of step.";
        }

        return false;
    }

    /// <summary>
    /// Stops receiving and returns the error for an unacceptable frame length. The rest of that message is still in
    /// the stream, so nothing more can be received; as Python's <c>_bad_message_length</c> does, a duplex end
    /// becomes unreadable and stays open for sending, and a receive-only end is closed.
    /// </summary>
    private MessageLengthException BadLength(string message, long length)
    {
        if (_writable && !_closed)
        {
            _readBroken ??= SR.Connection_ReadBrokenByBadLength;
            _readable = false;
            return ThrowHelper.CreateMessageLength(message, length, stillSending: true);
        }

        Close();
        return ThrowHelper.CreateMessageLength(message, length, stillSending: false);
    }

    /// <summary>Checks an announced length against a maximum and the array limit; closes the connection if it fails.</summary>
    private int CheckLength(long length, long maxLength)
    {
        if (length > maxLength)
        {
            throw BadLength(ThrowHelper.Format(SR.Connection_BadMessageLength, length, maxLength), length);
        }

        if (length > Array.MaxLength)
        {
            throw BadLength(ThrowHelper.Format(SR.Connection_MessageTooLargeForArray, length, Array.MaxLength), length);
        }

        return (int)length;
    }
}
