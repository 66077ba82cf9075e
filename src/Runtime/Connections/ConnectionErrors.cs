using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Multiproc.Connections;

/// <summary>The exceptions connections throw, with their messages in one place (Pipelines' ThrowHelper shape).</summary>
internal static class ConnectionErrors
{
    [DoesNotReturn]
    public static void ThrowClosed() => throw new ObjectDisposedException(nameof(Connection), "The connection is closed (Python: 'handle is closed').");

    [DoesNotReturn]
    public static void ThrowWriteOnly() => throw new InvalidOperationException("The connection is write-only: it is the sending end of a one-way Pipe(duplex: false), so it cannot receive or poll.");

    [DoesNotReturn]
    public static void ThrowReadOnly() => throw new InvalidOperationException("The connection is read-only: it is the receiving end of a one-way Pipe(duplex: false), so it cannot send.");

    [DoesNotReturn]
    public static void ThrowReadBroken(string reason) => throw new InvalidOperationException($"The connection can no longer receive: {reason}");

    public static EndOfStreamException EndOfStream() =>
        new("The peer closed the connection and every message it sent has been received (Python's EOFError).");

    public static IOException EndOfStreamInMessage(long received, long expected) =>
        new($"The peer closed the connection in the middle of a message: got {received} of {expected} bytes (Python: 'got end of file during message').");

    public static IOException EndOfStreamInHeader(int received, int expected) =>
        new($"The peer closed the connection in the middle of a frame header: got {received} of {expected} bytes.");

    public static TimeoutException Timeout() => new("The connection did not deliver the expected bytes in time.");

    public static IOException FromErrno(int errno, string operation) => errno switch
    {
        Interop.Libc.EPIPE or Interop.Libc.ECONNRESET => new IOException($"The peer closed the connection ({operation}: {Marshal.GetPInvokeErrorMessage(errno)}; Python's BrokenPipeError/ConnectionResetError)."),
        _ => new IOException($"{operation} on the connection failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})."),
    };

    public static Exception FromSocket(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.OperationAborted or SocketError.Interrupted => new ObjectDisposedException(nameof(Connection), "The connection was closed while an operation was in progress."),
        SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted =>
            new IOException($"The peer closed the connection ({e.Message}; Python's BrokenPipeError/ConnectionResetError).", e),
        _ => new IOException($"The connection failed: {e.Message}.", e),
    };
}
