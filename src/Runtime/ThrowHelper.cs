using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multiproc.Resources;

namespace Multiproc;

/// <summary>
/// Every exception the runtime throws, with its message from <c>Resources/Strings.resx</c> (System.IO.Pipelines'
/// ThrowHelper shape). <c>Throw…</c> methods never return, so a caller's hot path stays small and inlinable;
/// <c>Create…</c> methods build the exception where it is returned, stored or thrown from an expression.
/// </summary>
internal static partial class ThrowHelper
{
    // ---- use after close/dispose ----

    /// <summary>A queue handle was used after Close()/Dispose() (Python: "Queue is closed").</summary>
    [DoesNotReturn]
    public static void ThrowQueueClosed() => throw CreateQueueClosed();

    /// <summary>The exception <see cref="ThrowQueueClosed"/> throws, for a waiter that is failed rather than thrown to.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ObjectDisposedException CreateQueueClosed() => new("ProcessQueue", SR.Queue_Closed);

    /// <summary>A connection was used after Close()/Dispose() (Python: "handle is closed").</summary>
    [DoesNotReturn]
    public static void ThrowConnectionClosed() => throw new ObjectDisposedException(nameof(Connection), SR.Connection_Closed);

    // ---- queues ----

    /// <summary>A get found no item (Python's <c>queue.Empty</c>).</summary>
    [DoesNotReturn]
    public static void ThrowQueueEmpty() => throw new QueueEmptyException();

    /// <summary>A put found no room (Python's <c>queue.Full</c>).</summary>
    [DoesNotReturn]
    public static void ThrowQueueFull() => throw new QueueFullException();

    /// <summary>TaskDone() was called more often than items were put.</summary>
    [DoesNotReturn]
    public static void ThrowTaskDoneTooManyTimes() => throw new InvalidOperationException(SR.Queue_TaskDoneTooManyTimes);

    /// <summary>The queue a handle names no longer exists.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateQueueGone(string name) => new(Format(SR.Queue_Gone, name));

    /// <summary>A queue's shared memory does not hold what it must.</summary>
    [DoesNotReturn]
    public static void ThrowQueueCorrupt(string what) => throw CreateQueueCorrupt(what);

    /// <summary>The exception <see cref="ThrowQueueCorrupt"/> throws, for a caller that must end in a <c>throw</c>.</summary>
    public static InvalidOperationException CreateQueueCorrupt(string what) => new(Format(SR.Queue_Corrupt, what));

    /// <summary>A decoded queue handle does not carry a queue segment name.</summary>
    [DoesNotReturn]
    public static void ThrowNotAQueueName(string name) => throw new Serialization.WireFormatException(Format(SR.Queue_NotAQueueName, name));

    /// <summary>A plain queue's handle was decoded as a joinable queue.</summary>
    [DoesNotReturn]
    public static void ThrowQueueNotJoinable(string name) => throw new Serialization.WireFormatException(Format(SR.Queue_NotJoinable, name));

    // ---- connections ----

    /// <summary>The sending end of a one-way pipe was asked to receive.</summary>
    [DoesNotReturn]
    public static void ThrowConnectionWriteOnly() => throw new InvalidOperationException(SR.Connection_WriteOnly);

    /// <summary>The receiving end of a one-way pipe was asked to send.</summary>
    [DoesNotReturn]
    public static void ThrowConnectionReadOnly() => throw new InvalidOperationException(SR.Connection_ReadOnly);

    /// <summary>A connection whose receiving side broke (a bad frame length) was asked to receive.</summary>
    [DoesNotReturn]
    public static void ThrowConnectionReadBroken(string reason) => throw new InvalidOperationException(Format(SR.Connection_ReadBroken, reason));

    /// <summary>The peer closed the connection between messages (Python's <c>EOFError</c>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static EndOfStreamException CreateEndOfStream() => new(SR.Connection_EndOfStream);

    /// <summary>The peer closed the connection inside a message.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateEndOfStreamInMessage(long received, long expected) => new(Format(SR.Connection_EndOfStreamInMessage, received, expected));

    /// <summary>The peer closed the connection inside a frame header.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateEndOfStreamInHeader(int received, int expected) => new(Format(SR.Connection_EndOfStreamInHeader, received, expected));

    /// <summary>A connection did not deliver in time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TimeoutException CreateConnectionTimeout() => new(SR.Connection_Timeout);

    /// <summary>A system call on a connection failed with <paramref name="errno"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IOException CreateConnectionErrno(int errno, string operation) => errno switch
    {
        Interop.Libc.EPIPE or Interop.Libc.ECONNRESET => new IOException(Format(SR.Connection_PeerClosedErrno, operation, Marshal.GetPInvokeErrorMessage(errno))),
        _ => new IOException(Format(SR.Connection_OperationFailedErrno, operation, Marshal.GetPInvokeErrorMessage(errno), errno)),
    };

    /// <summary>A socket operation on a connection failed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception CreateConnectionSocketError(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.OperationAborted or SocketError.Interrupted => new ObjectDisposedException(nameof(Connection), SR.Connection_ClosedDuringOperation),
        SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted =>
            new IOException(Format(SR.Connection_PeerClosedSocket, e.Message), e),
        _ => new IOException(Format(SR.Connection_Failed, e.Message), e),
    };

    // ---- messages built from parts ----

    /// <summary>A child reported that its program started a process before the entry-point guard ran.</summary>
    [DoesNotReturn]
    public static void ThrowChildStartedBeforeGuard(int pid, string command, int code, string reported) =>
        throw new ProcessStartException(Format(SR.Process_StartedBeforeGuard, pid, command, code, reported));

    /// <summary>A child did not connect back (or answer) within the start timeout and was killed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ProcessStartException CreateChildDidNotConnectInTime(int pid, string command, string what, double seconds) =>
        new(Format(SR.Process_DidNotConnectInTime, pid, command, what, seconds));

    /// <summary>No serializer is registered for <paramref name="type"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static InvalidOperationException CreateNoWireSerializer(Type type) => new(Format(SR.Wire_NoSerializer, type));

    /// <summary>A manager was started or connected twice (InvalidOperationException), or after it was shut down (ObjectDisposedException).</summary>
    [DoesNotReturn]
    public static void ThrowManagerNotInitial(string objectName, bool shutDown, string mode) =>
        throw (shutDown
            ? new ObjectDisposedException(objectName, SR.Manager_ShutDownCreateNew)
            : new InvalidOperationException(Format(SR.Manager_AlreadyInMode, mode)));

    /// <summary>A manager's dictionary (or namespace) has no such key (attribute).</summary>
    [DoesNotReturn]
    public static void ThrowManagedKeyNotFound(bool isNamespace) =>
        throw new KeyNotFoundException(isNamespace ? SR.Manager_NamespaceNoAttribute : SR.Manager_KeyNotInDictionary);

    /// <summary>A frame of an unacceptable length: <paramref name="message"/> says why, and what became of the connection.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MessageLengthException CreateMessageLength(string message, long length, bool stillSending) =>
        new(Format(stillSending ? SR.Connection_BadLengthStillSending : SR.Connection_BadLengthClosed, message), length);

    // ---- formatting ----

    /// <summary>Formats a message from <see cref="SR"/> in the current culture, as an interpolated string would.</summary>
    internal static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
