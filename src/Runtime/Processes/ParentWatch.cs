using System.Net.Sockets;
using Multiproc.Interop;

namespace Multiproc.Processes;

/// <summary>
/// A daemon child's watch on its parent: the parent never writes after Start, so end-of-stream on the control
/// channel means the parent has died, and the daemon dies with it (even when the parent was SIGKILLed and ran no
/// exit handlers). A warm child starts the watch thread while idle (<see cref="Prestart"/>), parked until a daemon
/// start hands it the channel, because starting a thread waits for the new thread to run: about 1 ms of a start on
/// an idle machine, 5 ms and more on a loaded one.
/// </summary>
internal static class ParentWatch
{
    private static readonly object s_lock = new();
    private static ControlChannel? s_channel;
    private static bool s_started;

    /// <summary>Starts the watch thread now, waiting for <see cref="Begin"/> (in a warm child, while idle).</summary>
    public static void Prestart() => EnsureThread();

    /// <summary>Watches <paramref name="channel"/> from now on: on the prestarted thread, or on one started now.</summary>
    public static void Begin(ControlChannel channel)
    {
        lock (s_lock)
        {
            s_channel = channel;
            Monitor.PulseAll(s_lock);
        }

        EnsureThread();
    }

    private static void EnsureThread()
    {
        lock (s_lock)
        {
            if (s_started)
            {
                return;
            }

            s_started = true;
        }

        new Thread(Watch) { IsBackground = true, Name = "Multiproc parent watch" }.Start();
    }

    private static void Watch()
    {
        ControlChannel channel;
        lock (s_lock)
        {
            while (s_channel is null)
            {
                Monitor.Wait(s_lock);
            }

            channel = s_channel;
        }

        try
        {
            while (channel.Receive() is not null)
            {
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
        }

        Libc.Kill(Environment.ProcessId, Libc.SIGKILL);
    }
}
