using System.Net.Sockets;
using System.Text;

namespace Multiproc.Processes;

/// <summary>
/// Stops the runaway chain of a program whose children start processes before their guard runs (Python's
/// "An attempt has been made to start a new process before the current process has finished its
/// bootstrapping phase"). Every child re-runs the program's <c>Main</c>; without the guard at its top (or
/// with a process started from a static constructor or initializer, which run before <c>Main</c>), each
/// child would start a child of its own, generation after generation.
/// </summary>
/// <remarks>
/// A process is "before its guard" when it carries the child marker and <see cref="ChildHost"/> has not
/// run yet. Such a process never starts anything: the first attempt tells the parent (a
/// <see cref="ControlMessageKind.GuardMissing"/> frame on the control channel, so the parent's
/// <c>Start</c> fails at once instead of after its start timeout) and every attempt throws. An exception
/// of that kind that goes unhandled ends the child with exit code 1, as the Python error does.
/// </remarks>
internal static class BootstrapGuard
{
    private static int s_guardRan;
    private static int s_reported;

    /// <summary>Called by the guard in a child before it clears the marker and runs the target.</summary>
    public static void OnGuardRan() => Volatile.Write(ref s_guardRan, 1);

    /// <summary>Throws when this process was started by Multiproc and its guard has not run yet.</summary>
    /// <param name="action">What the program tried, for the message ("start a process", "create a Pool").</param>
    /// <exception cref="ProcessStartException">This is a child before its guard.</exception>
    public static void ThrowIfBeforeGuard(string action)
    {
        if (Volatile.Read(ref s_guardRan) != 0)
        {
            return;
        }

        bool parsed = ChildMarker.TryRead(out ChildMarker marker, out bool present);
        if (!present)
        {
            return;
        }

        string message = Message(action);
        if (Interlocked.Exchange(ref s_reported, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += static (_, e) => ExitOnUnhandled(e.ExceptionObject);
            if (parsed)
            {
                TellParent(marker, message);
            }
        }

        throw new ProcessStartException(message);
    }

    /// <summary>
    /// The text both sides show. It names the fix, because the usual cause is a <c>Main</c> without
    /// the guard, not a bug in the library.
    /// </summary>
    private static string Message(string action) =>
        $"This process is a Multiproc child (pid {Environment.ProcessId}) and tried to {action} before its entry-point guard ran, " +
        "so it was stopped: every child re-runs the program's Main from the top, and without the guard each child would start another, without end. " +
        "Make 'if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' the first statement of Main (Python's 'if __name__ == \"__main__\":'), " +
        "and start processes only after it, never from a static constructor, a static field initializer or a module initializer, which run before Main. " +
        "(Python: \"An attempt has been made to start a new process before the current process has finished its bootstrapping phase.\")";

    /// <summary>Sends the reason to the parent, which is waiting for this child's Hello.</summary>
    private static void TellParent(ChildMarker marker, string message)
    {
        byte[] text = Encoding.UTF8.GetBytes(message);
        byte[] payload = new byte[marker.Token.Length + text.Length];
        marker.Token.CopyTo(payload, 0);
        text.CopyTo(payload, marker.Token.Length);
        try
        {
            using var channel = ControlChannel.FromDescriptor(marker.Fd);
            channel.Send(ControlMessageKind.GuardMissing, payload);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The parent is gone or the descriptor is not a socket; the exception still stops this process.
        }
    }

    /// <summary>Python's exit code for an unhandled error (1), with the error printed as .NET would.</summary>
    private static void ExitOnUnhandled(object exception)
    {
        Console.Error.WriteLine($"Unhandled exception. {exception}");
        Console.Error.Flush();
        Environment.Exit(1);
    }
}
