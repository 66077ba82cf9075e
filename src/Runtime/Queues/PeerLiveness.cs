using System.Globalization;
using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc.Queues;

/// <summary>
/// Whether the process recorded as a queue lock's owner still runs: <c>kill(pid, 0)</c>, and a zombie counts
/// as dead. Pid reuse is not detected (the window is a lock hold of microseconds); the shared
/// <c>ProcessLiveness</c> of <c>Synchronization</c>, which also compares start times, can replace it.
/// </summary>
internal static class PeerLiveness
{
    private const int ErrnoPermission = 1;

    /// <summary>True unless <paramref name="pid"/> is certainly gone.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0 || pid == Environment.ProcessId)
        {
            return true;
        }

        if (Libc.Kill(pid, 0) != 0)
        {
            return Marshal.GetLastPInvokeError() == ErrnoPermission;
        }

        try
        {
            string stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
            int close = stat.LastIndexOf(')');
            return close < 0 || close + 2 >= stat.Length || stat[close + 2] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
