using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc.Processes;

/// <summary>
/// Makes SIGINT (Ctrl-C) and SIGTERM end a program the way Python's <c>KeyboardInterrupt</c> does: through the
/// normal exit path, so the cleanup registered on <see cref="AppDomain.ProcessExit"/> runs (daemon children
/// terminated, other children joined, queue and shared-memory segments and socket files removed). .NET's default
/// SIGINT exit skips that cleanup. The signal is first passed on to the non-daemon children, which would otherwise
/// keep the exit waiting (or be orphaned). The exit code is 128 + the signal: 130 or 143. Installed when the
/// program first creates something that needs cleanup; a handler of the program's own that cancels the signal
/// (<see cref="PosixSignalContext.Cancel"/>, <see cref="Console.CancelKeyPress"/>) before ours runs wins.
/// </summary>
internal static class ExitSignals
{
    private static readonly object s_lock = new();
    private static PosixSignalRegistration? s_interrupt;
    private static PosixSignalRegistration? s_terminate;
    private static int s_exiting;

    /// <summary>Registers the handlers once (not on Windows, which has neither signal).</summary>
    public static void Install()
    {
        if (Volatile.Read(ref s_terminate) is not null || OperatingSystem.IsWindows())
        {
            return;
        }

        lock (s_lock)
        {
            if (s_terminate is null)
            {
                s_interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
                Volatile.Write(ref s_terminate, PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
            }
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        if (context.Cancel)
        {
            return; // the program handles the signal itself
        }

        context.Cancel = true;
        if (Interlocked.Exchange(ref s_exiting, 1) != 0)
        {
            return; // already on the way out
        }

        int signal = context.Signal == PosixSignal.SIGINT ? Libc.SIGINT : Libc.SIGTERM;
        ChildRegistry.SignalNonDaemons(signal);

        // Environment.Exit runs the ProcessExit handlers; not on the signal-dispatch thread, which must return.
        new Thread(static state => Environment.Exit(128 + (int)state!)) { IsBackground = true, Name = "Multiproc exit on signal" }.Start(signal);
    }
}
