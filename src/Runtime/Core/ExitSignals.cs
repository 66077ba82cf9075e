using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc;

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

    /// <summary>Passes the signal on to the non-daemon children (set by the process layer, which knows them).</summary>
    private static Action<int>? s_signalChildren;
    private static int s_claims;

    /// <summary>
    /// While the returned scope is open, the program's own handlers own SIGINT and SIGTERM and these handlers
    /// stand aside, whatever order the runtime calls handlers in (a distributed worker node stops gracefully and
    /// returns its exit code instead).
    /// </summary>
    public static IDisposable Claim()
    {
        Interlocked.Increment(ref s_claims);
        return new ClaimScope();
    }

    /// <summary>
    /// Registers the handlers once (not on Windows, which has neither signal). The process layer passes
    /// <paramref name="signalChildren"/>, which forwards the signal to the non-daemon children.
    /// </summary>
    public static void Install(Action<int>? signalChildren = null)
    {
        if (signalChildren is not null)
        {
            Volatile.Write(ref s_signalChildren, signalChildren);
        }

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
        if (context.Cancel || Volatile.Read(ref s_claims) > 0)
        {
            return; // the program handles the signal itself
        }

        context.Cancel = true;
        if (Interlocked.Exchange(ref s_exiting, 1) != 0)
        {
            return; // already on the way out
        }

        int signal = context.Signal == PosixSignal.SIGINT ? Libc.SIGINT : Libc.SIGTERM;
        Volatile.Read(ref s_signalChildren)?.Invoke(signal);

        // Environment.Exit runs the ProcessExit handlers; not on the signal-dispatch thread, which must return.
        new Thread(static state => Environment.Exit(128 + (int)state!)) { IsBackground = true, Name = "Multiproc exit on signal" }.Start(signal);
    }

    private sealed class ClaimScope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref s_claims);
            }
        }
    }
}
