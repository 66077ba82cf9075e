using System.Globalization;

namespace Multiproc;

/// <summary>
/// Whether a process recorded as an owner or creator is still the same running process. A pid alone is
/// not enough (pids are reused), so owners also record their start time (field 22 of
/// <c>/proc/&lt;pid&gt;/stat</c>, clock ticks since boot); a zombie counts as dead.
/// </summary>
internal static class ProcessLiveness
{
    private static long s_selfStartTime;

    /// <summary>This process's start time, as recorded next to locks it holds and segments it creates.</summary>
    public static long SelfStartTime
    {
        get
        {
            long value = Volatile.Read(ref s_selfStartTime);
            if (value == 0)
            {
                value = TryReadStat(Environment.ProcessId, out _, out long start) ? start : 1;
                Volatile.Write(ref s_selfStartTime, value);
            }

            return value;
        }
    }

    /// <summary>
    /// True unless the process is certainly gone: no <c>/proc</c> entry, a zombie, or a different start time
    /// (pid reuse). <paramref name="startTime"/> 0 means "unknown" and skips the start-time check.
    /// </summary>
    public static bool IsAlive(int pid, long startTime) => IsAlive(pid, startTime, ~0L);

    /// <summary>
    /// As <see cref="IsAlive(int, long)"/> for a lock word, which keeps only the low 32 bits of the start time
    /// (<paramref name="startTag"/>, 0 = unknown).
    /// </summary>
    public static bool IsAliveWithStartTag(int pid, uint startTag) => IsAlive(pid, startTag, 0xFFFF_FFFFL);

    /// <summary>Compares the start time under <paramref name="mask"/>: all bits, or the lock word's 32.</summary>
    private static bool IsAlive(int pid, long startTime, long mask)
    {
        if (pid <= 0)
        {
            return true;
        }

        if (pid == Environment.ProcessId)
        {
            return startTime == 0 || startTime == (SelfStartTime & mask);
        }

        if (!TryReadStat(pid, out char state, out long actualStart))
        {
            return false;
        }

        if (state is 'Z' or 'X' or 'x')
        {
            return false;
        }

        // Unknown on either side (not yet recorded, or not readable) counts as alive: never steal on doubt.
        return startTime == 0 || actualStart <= 0 || startTime == (actualStart & mask);
    }

    /// <summary>
    /// Reads the state and start time of <paramref name="pid"/>; false when the process does not exist.
    /// The start time is -1 when the process exists but cannot be inspected, 0 when the line is unparsable.
    /// </summary>
    public static bool TryReadStat(int pid, out char state, out long startTime)
    {
        state = '?';
        startTime = 0;
        string text;
        try
        {
            text = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // /proc mounted with hidepid: the process exists but cannot be inspected.
            startTime = -1;
            return true;
        }

        // "pid (comm) S ppid ...": comm may contain spaces and parentheses, so parse after the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0)
        {
            return true;
        }

        string[] fields = text[(close + 2)..].Split(' ');
        if (fields.Length > 19)
        {
            state = fields[0].Length > 0 ? fields[0][0] : '?';
            _ = long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out startTime);
        }

        return true;
    }
}
