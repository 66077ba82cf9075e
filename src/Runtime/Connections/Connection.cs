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
/// Passed to a child, the descriptor is inherited when the child starts, so keep this end open until then; afterwards
/// close the copies this process does not use, as in Python, so that the peer sees end-of-stream when the child is done.
/// The child may receive the same connection in several arguments; each arrives as its own descriptor.
/// </para>
/// <para>
/// As in Python a connection is not meant for concurrent use: one thread (or one pending asynchronous operation)
/// receiving and one sending at a time. <see cref="Close"/> may be called from any thread. The blocking members
/// block the calling thread; each has an <c>…Async</c> twin that waits without one.
/// </para>
/// </remarks>
[DebuggerDisplay("Connection fd={_fd} readable={_readable} writable={_writable} closed={_closed}")]
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

    /// <summary>Whether this end can still receive: cleared when a message of a bad length left the stream out of step.</summary>
    private volatile bool _readable;

    private readonly bool _writable;

    /// <summary>
    /// Inherited descriptors already wrapped in this process. The same connection passed twice in one argument list
    /// arrives as one descriptor; the second wrapper gets a duplicate, so that each closes only its own.
    /// </summary>
    private static readonly HashSet<int> s_adopted = [];

    internal Connection(Socket socket, bool readable, bool writable)
    {
        Debug.Assert(readable || writable, "A connection must be usable in at least one direction.");
        _socket = socket;
        _fd = (int)socket.SafeHandle.DangerousGetHandle();
        _readable = readable;
        _writable = writable;
    }

    /// <summary>
    /// Whether this end can receive (Python's <c>readable</c>). Becomes false when a message longer than a
    /// receive's <c>maxLength</c> (or a malformed frame) arrives on a duplex end: the end stays open for sending, as in
    /// Python.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public bool Readable
    {
        get
        {
            EnsureOpen();
            return _readable;
        }
    }

    /// <summary>Whether this end can send (Python's <c>writable</c>).</summary>
    /// <exception cref="ObjectDisposedException">The connection is closed.</exception>
    public bool Writable
    {
        get
        {
            EnsureOpen();
            return _writable;
        }
    }

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
    /// <exception cref="MessageLengthException">The frame is malformed; this end can no longer receive (a duplex end stays open for sending).</exception>
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
    /// <param name="maxLength">
    /// The longest message accepted; null for no limit. After a longer one this end can no longer receive: a duplex
    /// end stays open for sending (<see cref="Readable"/> becomes false), a receive-only end is closed, as in Python.
    /// </param>
    /// <returns>The message (empty for an empty message).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is negative.</exception>
    /// <exception cref="MessageLengthException">The message is longer than <paramref name="maxLength"/>, or the frame is malformed; this end can no longer receive (see <paramref name="maxLength"/>).</exception>
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
    /// <remarks>
    /// A receive or send blocked in another thread ends with <see cref="ObjectDisposedException"/> or
    /// <see cref="EndOfStreamException"/>; to make it return, the runtime shuts the socket down, which a child holding
    /// the other copy of this end also sees. Closing an end no thread is using affects only this process's copy.
    /// </remarks>
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

    /// <summary>Describes the connection: its descriptor and direction, or that it is closed.</summary>
    /// <returns>For example <c>&lt;Connection fd=7 duplex&gt;</c>, <c>&lt;Connection fd=7 read-only&gt;</c> or <c>&lt;Connection fd=7 closed&gt;</c>.</returns>
    public override string ToString()
    {
        string state = _closed ? "closed"
            : _readable && _writable ? "duplex"
            : _writable ? (_readBroken is null ? "write-only" : "send-only after a bad message")
            : "read-only";
        return $"<Connection fd={_fd} {state}>";
    }

    /// <summary>
    /// Encodes a connection as a process argument: the descriptor travels to the child as an inherited one (where
    /// Python pickles a connection through <c>multiprocessing.reduction</c>). Called by generated code; not for direct use.
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
        writer.WriteUnmanaged((byte)((value._readable ? ReadableFlag : 0) | (value._writable ? WritableFlag : 0)));
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

        return FromDescriptor(Adopt(FdTransfer.TakeIncoming(index)), (flags & ReadableFlag) != 0, (flags & WritableFlag) != 0);
    }

    /// <summary>Takes ownership of an inherited descriptor, or of a duplicate when it is already owned.</summary>
    private static int Adopt(int fd)
    {
        lock (s_adopted)
        {
            if (s_adopted.Add(fd))
            {
                return fd;
            }
        }

        int duplicate = Libc.Fcntl(fd, Libc.F_DUPFD_CLOEXEC, 0);
        if (duplicate < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            ThrowHelper.ThrowCannotDuplicateInheritedConnectionDescriptorErrno(fd, Marshal.GetPInvokeErrorMessage(errno), errno);
        }

        return duplicate;
    }

    // ---- checks ----

    private void EnsureOpen()
    {
        if (_closed)
        {
            ThrowHelper.ThrowConnectionClosed();
        }
    }

    private void EnsureReadable()
    {
        EnsureOpen();
        if (!_readable)
        {
            if (_readBroken is not null)
            {
                ThrowHelper.ThrowConnectionReadBroken(_readBroken);
            }

            ThrowHelper.ThrowConnectionWriteOnly();
        }
    }

    private void EnsureWritable()
    {
        EnsureOpen();
        if (!_writable)
        {
            ThrowHelper.ThrowConnectionReadOnly();
        }
    }

    private static ReadOnlyMemory<byte> SliceForSend(byte[] buffer, int offset, int? size)
    {
        CheckOffset(buffer, offset);
        int count = size ?? buffer.Length - offset;
        if (count < 0)
        {
            ThrowHelper.ThrowSizeNegative(nameof(size), size);
        }

        if (count > buffer.Length - offset)
        {
            ThrowHelper.ThrowOffsetSizeRunsPastEndByte(nameof(size), size, (long)offset + count, buffer.Length);
        }

        return buffer.AsMemory(offset, count);
    }

    private static void CheckOffset(byte[] buffer, int offset)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0)
        {
            ThrowHelper.ThrowOffsetNegative(nameof(offset), offset);
        }

        if (offset > buffer.Length)
        {
            ThrowHelper.ThrowOffsetPastEndByteBuffer(nameof(offset), offset, buffer.Length);
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
            ThrowHelper.ThrowTimeoutNegativeUseNullWaitForever(nameof(timeout), timeout);
        }

        return (int)Math.Min(Math.Ceiling(timeout.Value.TotalMilliseconds), int.MaxValue);
    }
}
