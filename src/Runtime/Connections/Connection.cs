using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Multiproc.Connections;
using Multiproc.Interop;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// One end of a message channel: Python's <c>multiprocessing.connection.Connection</c>. Made by
/// <see cref="Multiprocessing.Pipe"/>, <see cref="Listener.Accept"/> and <see cref="Multiprocessing.Client(System.Net.EndPoint, byte[])"/>,
/// and passable to a child as a <c>[ProcessTarget]</c> argument (the child receives its own copy of the descriptor).
/// </summary>
/// <remarks>
/// <para>
/// Messages are framed exactly as CPython frames them: a 4-byte big-endian signed length, or <c>-1</c> followed by an
/// 8-byte big-endian length, then the bytes. A message is never merged with another or split; an empty message is a
/// message. <see cref="SendBytes(byte[], int, int?)"/>/<see cref="RecvBytes"/> therefore interoperate with a Python
/// process; <see cref="Send{T}"/>/<see cref="Recv{T}"/> carry one value in Multiproc's wire format per message (where
/// Python would pickle).
/// </para>
/// <para>
/// As in Python a connection is not meant for concurrent use: one thread (or one pending asynchronous operation)
/// receiving and one sending at a time. <see cref="Close"/> may be called from any thread. The blocking members
/// block the calling thread; each has an <c>…Async</c> twin that waits without one.
/// </para>
/// </remarks>
[DebuggerDisplay("Connection fd={_fd} readable={Readable} writable={Writable} closed={Closed}")]
public sealed partial class Connection : IDisposable, IWireSerializable<Connection>
{
    /// <summary>Flag bits written with a transferred connection.</summary>
    private const byte ReadableFlag = 1, WritableFlag = 2;

    /// <summary>Owns the descriptor; its asynchronous operations serve the <c>…Async</c> members.</summary>
    private readonly Socket _socket;

    /// <summary>The descriptor the blocking members call <c>recv</c>/<c>sendmsg</c>/<c>poll</c> on.</summary>
    private readonly int _fd;

    /// <summary>The frame header being received (only the receiving side uses it).</summary>
    private readonly byte[] _receiveHeader = new byte[8];

    /// <summary>The frame header being sent (only the sending side uses it).</summary>
    private readonly byte[] _sendHeader = new byte[4];

    /// <summary>Bytes of the current incoming message (header included) consumed so far.</summary>
    private long _consumedInMessage;

    /// <summary>Why receiving is no longer possible, after a receive stopped in the middle of a message.</summary>
    private string? _readBroken;

    private volatile bool _closed;

    internal Connection(Socket socket, bool readable, bool writable)
    {
        Debug.Assert(readable || writable, "A connection must be usable in at least one direction.");
        _socket = socket;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        Readable = readable;
        Writable = writable;
    }

    /// <summary>Whether this end can receive (Python's <c>readable</c>).</summary>
    public bool Readable { get; }

    /// <summary>Whether this end can send (Python's <c>writable</c>).</summary>
    public bool Writable { get; }

    /// <summary>Whether <see cref="Close"/> has been called (Python's <c>closed</c>).</summary>
    public bool Closed => _closed;

    /// <summary>The operating-system descriptor, e.g. for <c>poll</c> (Python's <c>fileno()</c>).</summary>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public int Handle
    {
        get
        {
            EnsureOpen();
            return _fd;
        }
    }

    /// <summary>The socket behind the connection, for the asynchronous adapter.</summary>
    internal Socket Socket => _socket;

    /// <summary>Wraps a socket descriptor this process owns (a socketpair end or an inherited one).</summary>
    internal static Connection FromDescriptor(int fd, bool readable, bool writable)
    {
        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            return new Connection(new Socket(handle), readable, writable);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="value"/> as one message in Multiproc's wire format: Python's <c>send(obj)</c>.
    /// Blocks until the message is handed to the operating system.
    /// </summary>
    /// <typeparam name="T">A type with a wire serializer (primitives, string, byte[], and types the generator handles).</typeparam>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The connection is read-only, or <typeparamref name="T"/> has no serializer.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    /// <exception cref="IOException">The peer has closed the connection.</exception>
    public void Send<T>(T value)
    {
        EnsureWritable();
        WireSerializer<T> serializer = WireSerializer<T>.Default;
        var writer = new WireWriter();
        try
        {
            serializer.Write(ref writer, value);
            SendFrame(writer.WrittenSpan);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>
    /// Sends <paramref name="size"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/> as one message:
    /// Python's <c>send_bytes(buf, offset, size)</c>. A Python peer receives them with <c>recv_bytes()</c>.
    /// </summary>
    /// <param name="buffer">The bytes.</param>
    /// <param name="offset">Where the message starts in <paramref name="buffer"/>.</param>
    /// <param name="size">How many bytes to send; null sends the rest of the buffer.</param>
    /// <exception cref="ArgumentOutOfRangeException">The offset or size is negative or runs past the buffer.</exception>
    /// <exception cref="InvalidOperationException">The connection is read-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    /// <exception cref="IOException">The peer has closed the connection.</exception>
    public void SendBytes(byte[] buffer, int offset = 0, int? size = null) =>
        SendBytes(SliceForSend(buffer, offset, size).Span);

    /// <summary>Sends <paramref name="data"/> as one message: Python's <c>send_bytes(buf)</c>.</summary>
    /// <param name="data">The message.</param>
    /// <exception cref="InvalidOperationException">The connection is read-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    /// <exception cref="IOException">The peer has closed the connection.</exception>
    public void SendBytes(ReadOnlySpan<byte> data)
    {
        EnsureWritable();
        SendFrame(data);
    }

    /// <summary>
    /// Receives one message sent with <see cref="Send{T}"/> and decodes it: Python's <c>recv()</c>. Blocks until a
    /// whole message has arrived.
    /// </summary>
    /// <typeparam name="T">The type that was sent.</typeparam>
    /// <returns>The value.</returns>
    /// <exception cref="EndOfStreamException">The peer has closed the connection and every message was received (Python's <c>EOFError</c>).</exception>
    /// <exception cref="WireFormatException">The message is not a valid encoding of <typeparamref name="T"/>; it is consumed and the connection stays usable.</exception>
    /// <exception cref="MessageLengthException">The frame is malformed; the connection has been closed.</exception>
    /// <exception cref="InvalidOperationException">The connection is write-only, or <typeparamref name="T"/> has no serializer.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public T Recv<T>()
    {
        WireSerializer<T> serializer = WireSerializer<T>.Default;
        EnsureReadable();
        byte[] rented = ReceivePooledAsync<SyncConnectionIO>(long.MaxValue, default).GetAwaiter().GetResult();
        return DecodePooled(serializer, rented);
    }

    /// <summary>
    /// Receives one message as bytes: Python's <c>recv_bytes(maxlength)</c>. Blocks until a whole message has arrived.
    /// </summary>
    /// <param name="maxLength">The longest message accepted; null for no limit. A longer one closes the connection (as in Python).</param>
    /// <returns>The message (empty for an empty message).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is negative.</exception>
    /// <exception cref="MessageLengthException">The message is longer than <paramref name="maxLength"/>, or the frame is malformed; the connection has been closed.</exception>
    /// <exception cref="EndOfStreamException">The peer has closed the connection and every message was received (Python's <c>EOFError</c>).</exception>
    /// <exception cref="InvalidOperationException">The connection is write-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public byte[] RecvBytes(int? maxLength = null)
    {
        long limit = CheckMaxLength(maxLength);
        EnsureReadable();
        return ReceiveBytesAsync<SyncConnectionIO>(limit, long.MaxValue, default).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Receives one message into <paramref name="buffer"/> at <paramref name="offset"/>: Python's
    /// <c>recv_bytes_into(buf, offset)</c>. Blocks until a whole message has arrived.
    /// </summary>
    /// <param name="buffer">Where to put the message.</param>
    /// <param name="offset">Where in <paramref name="buffer"/> the message goes.</param>
    /// <returns>The message length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or past the end of the buffer.</exception>
    /// <exception cref="BufferTooShortException">The message does not fit; it is consumed and carried by the exception.</exception>
    /// <exception cref="EndOfStreamException">The peer has closed the connection and every message was received (Python's <c>EOFError</c>).</exception>
    /// <exception cref="InvalidOperationException">The connection is write-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public int RecvBytesInto(byte[] buffer, int offset = 0)
    {
        CheckOffset(buffer, offset);
        EnsureReadable();
        return ReceiveIntoAsync<SyncConnectionIO>(buffer, offset, default).GetAwaiter().GetResult();
    }

    /// <summary>Whether a message (or the end of the stream) can be received without waiting: Python's <c>poll()</c>.</summary>
    /// <returns>True when <see cref="Recv{T}"/> would not block.</returns>
    /// <exception cref="InvalidOperationException">The connection is write-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public bool Poll() => Poll(TimeSpan.Zero);

    /// <summary>
    /// Waits until there is something to receive — a message, or the end of the stream — or the timeout passes:
    /// Python's <c>poll(timeout)</c>. Blocks the calling thread.
    /// </summary>
    /// <param name="timeout">How long to wait; null waits forever (Python's <c>poll(None)</c>).</param>
    /// <returns>True when there is something to receive.</returns>
    /// <exception cref="InvalidOperationException">The connection is write-only.</exception>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public bool Poll(TimeSpan? timeout)
    {
        EnsureReadable();
        int milliseconds = ToMilliseconds(timeout);
        bool added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            return Libc.PollReadable(_fd, milliseconds);
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Closes this end (Python's <c>close()</c>). The peer receives end-of-stream once it has read every message.
    /// Idempotent; may be called from any thread.
    /// </summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _socket.Dispose();
    }

    /// <summary>Closes this end; the same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>
    /// Encodes a connection as a process argument: the descriptor travels to the child as an inherited one.
    /// Called by generated code; not for direct use.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The connection, or null.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Write(ref WireWriter writer, Connection value)
    {
        if (value is null)
        {
            writer.WriteInt32(-1);
            return;
        }

        value.EnsureOpen();
        writer.WriteInt32(FdTransfer.AddOutgoing(value._fd));
        writer.WriteUnmanaged((byte)((value.Readable ? ReadableFlag : 0) | (value.Writable ? WritableFlag : 0)));
    }

    /// <summary>
    /// Decodes a connection in a child, wrapping the inherited descriptor. Called by generated code; not for direct use.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The child's end of the connection.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Connection Read(ref WireReader reader)
    {
        int index = reader.ReadInt32();
        if (index == -1)
        {
            return null!;
        }

        byte flags = reader.ReadUnmanaged<byte>();
        if (flags is 0 or > (ReadableFlag | WritableFlag))
        {
            WireReader.ThrowInvalidValue(nameof(Connection), flags);
        }

        return FromDescriptor(FdTransfer.TakeIncoming(index), (flags & ReadableFlag) != 0, (flags & WritableFlag) != 0);
    }

    // ---- framing, written once for both adapters ----

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
            ConnectionErrors.ThrowReadBroken(_readBroken);
        }

        _consumedInMessage = 0;
        int got = await ReadExactAsync<TIO>(_receiveHeader.AsMemory(0, 4), deadline, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            throw ConnectionErrors.EndOfStream();
        }

        if (got < 4)
        {
            throw ConnectionErrors.EndOfStreamInHeader(got, 4);
        }

        int size = BinaryPrimitives.ReadInt32BigEndian(_receiveHeader);
        if (size >= 0)
        {
            return size;
        }

        if (size != -1)
        {
            throw BadLength($"The frame header announces a negative length ({size}): the peer does not speak the multiprocessing.connection framing, or the stream is corrupt. The connection has been closed.", size);
        }

        got = await ReadExactAsync<TIO>(_receiveHeader.AsMemory(0, 8), deadline, cancellationToken).ConfigureAwait(false);
        if (got < 8)
        {
            throw ConnectionErrors.EndOfStreamInHeader(4 + got, 12);
        }

        ulong large = BinaryPrimitives.ReadUInt64BigEndian(_receiveHeader);
        return large > long.MaxValue
            ? throw BadLength($"The frame header announces a length of {large} bytes, which no message can have. The connection has been closed.", -1)
            : (long)large;
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes of a message body.</summary>
    private async ValueTask ReadBodyAsync<TIO>(Memory<byte> destination, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        int got = await ReadExactAsync<TIO>(destination, deadline, cancellationToken).ConfigureAwait(false);
        if (got < destination.Length)
        {
            throw ConnectionErrors.EndOfStreamInMessage(got, destination.Length);
        }
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

    /// <summary>Closes the connection and returns the error for an unacceptable frame length.</summary>
    private MessageLengthException BadLength(string message, long length)
    {
        Close();
        return new MessageLengthException(message, length);
    }

    /// <summary>Checks an announced length against a maximum and the array limit; closes the connection if it fails.</summary>
    private int CheckLength(long length, long maxLength)
    {
        if (length > maxLength)
        {
            throw BadLength($"bad message length: the message is {length} bytes, longer than the maximum of {maxLength} accepted. The connection has been closed (as in Python).", length);
        }

        if (length > Array.MaxLength)
        {
            throw BadLength($"The message is {length} bytes, more than a .NET array can hold ({Array.MaxLength}). The connection has been closed.", length);
        }

        return (int)length;
    }

    // ---- the blocking system-call layer ----

    /// <summary>Sends one frame: header and body in one <c>sendmsg</c> where possible.</summary>
    private void SendFrame(ReadOnlySpan<byte> body)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, body.Length);
        WriteAll(header, body);
    }

    /// <summary>Reads at least one byte, waiting (until <paramref name="deadline"/>) if none is there; 0 at end of stream.</summary>
    internal unsafe int ReadSome(Span<byte> buffer, long deadline)
    {
        bool added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            fixed (byte* pointer = buffer)
            {
                while (true)
                {
                    if (deadline != long.MaxValue)
                    {
                        // The descriptor may be blocking: only call recv once poll says it will not block.
                        WaitFor(Libc.POLLIN, deadline);
                    }

                    nint read = Libc.Recv(_fd, pointer, (nuint)buffer.Length, 0);
                    if (read >= 0)
                    {
                        return (int)read;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    if (errno == Libc.EAGAIN)
                    {
                        WaitFor(Libc.POLLIN, deadline);
                        continue;
                    }

                    EnsureOpen();
                    throw ConnectionErrors.FromErrno(errno, "recv");
                }
            }
        }
        catch (ObjectDisposedException) when (!added)
        {
            ConnectionErrors.ThrowClosed();
            throw;
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>Writes <paramref name="header"/> and <paramref name="body"/> completely, with <c>sendmsg</c>.</summary>
    internal unsafe void WriteAll(ReadOnlySpan<byte> header, ReadOnlySpan<byte> body)
    {
        bool added = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref added);
            Libc.IoVec* vectors = stackalloc Libc.IoVec[2];
            fixed (byte* headerPointer = header)
            fixed (byte* bodyPointer = body)
            {
                int headerSent = 0, bodySent = 0;
                while (headerSent < header.Length || bodySent < body.Length)
                {
                    int count = 0;
                    if (headerSent < header.Length)
                    {
                        vectors[count++] = new Libc.IoVec { Base = headerPointer + headerSent, Length = (nuint)(header.Length - headerSent) };
                    }

                    if (bodySent < body.Length)
                    {
                        vectors[count++] = new Libc.IoVec { Base = bodyPointer + bodySent, Length = (nuint)(body.Length - bodySent) };
                    }

                    nint sent = Libc.WriteV(_fd, vectors, count);
                    if (sent < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == Libc.EINTR)
                        {
                            continue;
                        }

                        if (errno == Libc.EAGAIN)
                        {
                            WaitFor(Libc.POLLOUT, long.MaxValue);
                            continue;
                        }

                        EnsureOpen();
                        throw ConnectionErrors.FromErrno(errno, "send");
                    }

                    int fromHeader = (int)Math.Min(sent, header.Length - headerSent);
                    headerSent += fromHeader;
                    bodySent += (int)(sent - fromHeader);
                }
            }
        }
        catch (ObjectDisposedException) when (!added)
        {
            ConnectionErrors.ThrowClosed();
            throw;
        }
        finally
        {
            if (added)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>Waits with <c>poll</c> until the descriptor is ready for <paramref name="events"/> (or reports an error or hang-up).</summary>
    private unsafe void WaitFor(short events, long deadline)
    {
        Libc.PollFd pollFd = new() { Fd = _fd, Events = events };
        while (true)
        {
            int timeout = deadline == long.MaxValue ? -1 : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue);
            int ready = Libc.Poll(&pollFd, 1, timeout);
            if (ready > 0)
            {
                return;
            }

            if (ready == 0)
            {
                if (timeout < 0)
                {
                    continue;
                }

                throw ConnectionErrors.Timeout();
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EINTR)
            {
                throw ConnectionErrors.FromErrno(errno, "poll");
            }
        }
    }

    // ---- checks ----

    private void EnsureOpen()
    {
        if (_closed)
        {
            ConnectionErrors.ThrowClosed();
        }
    }

    private void EnsureReadable()
    {
        EnsureOpen();
        if (!Readable)
        {
            ConnectionErrors.ThrowWriteOnly();
        }
    }

    private void EnsureWritable()
    {
        EnsureOpen();
        if (!Writable)
        {
            ConnectionErrors.ThrowReadOnly();
        }
    }

    private static ReadOnlyMemory<byte> SliceForSend(byte[] buffer, int offset, int? size)
    {
        CheckOffset(buffer, offset);
        int count = size ?? buffer.Length - offset;
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The size is negative.");
        }

        if (count > buffer.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"offset + size ({(long)offset + count}) runs past the end of the {buffer.Length}-byte buffer.");
        }

        return buffer.AsMemory(offset, count);
    }

    private static void CheckOffset(byte[] buffer, int offset)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset is negative.");
        }

        if (offset > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"The offset is past the end of the {buffer.Length}-byte buffer.");
        }
    }

    private static long CheckMaxLength(int? maxLength)
    {
        if (maxLength is int value)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(maxLength));
            return value;
        }

        return long.MaxValue;
    }

    internal static int ToMilliseconds(TimeSpan? timeout)
    {
        if (timeout is null || timeout.Value == Timeout.InfiniteTimeSpan)
        {
            return -1;
        }

        if (timeout.Value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout is negative; use null to wait forever.");
        }

        return (int)Math.Min(Math.Ceiling(timeout.Value.TotalMilliseconds), int.MaxValue);
    }
}
