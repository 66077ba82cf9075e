using System.Globalization;

namespace Multiproc.Tests.Infrastructure;

/// <summary>
/// Records this process's child processes and the project's /dev/shm entries, and asserts at the end of a
/// test that none were added: no child left running or unreaped, no shared-memory file left behind.
/// </summary>
internal sealed class LeakCheck
{
    private readonly HashSet<int> _children;
    private readonly HashSet<string> _shm;

    private LeakCheck()
    {
        _children = [.. ChildPids()];
        _shm = [.. ShmEntries()];
    }

    public static LeakCheck Start() => new();

    public void AssertClean()
    {
        int[] newChildren = ChildPids().Where(p => !_children.Contains(p)).ToArray();
        string[] newShm = ShmEntries().Where(e => !_shm.Contains(e) && IsOurs(e)).ToArray();
        Assert.True(newChildren.Length == 0, $"child processes left behind: {string.Join(", ", newChildren.Select(Describe))}");
        Assert.True(newShm.Length == 0, $"/dev/shm entries left behind: {string.Join(", ", newShm)}");
    }

    /// <summary>Direct children of this process (running or zombie).</summary>
    public static IEnumerable<int> ChildPids()
    {
        int self = Environment.ProcessId;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            if (ParentOf(pid) == self)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The parent pid of <paramref name="pid"/>, or -1 if it is gone.</summary>
    public static int ParentOf(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid …: comm may contain spaces and parentheses, so parse after the last ')'.
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    public static IEnumerable<string> ShmEntries() =>
        Directory.Exists("/dev/shm")
            ? Directory.EnumerateFileSystemEntries("/dev/shm").Select(System.IO.Path.GetFileName).OfType<string>()
                .Where(n => n.StartsWith("mp_", StringComparison.Ordinal) || n.StartsWith("mp-", StringComparison.Ordinal) || n.Contains("multiproc", StringComparison.OrdinalIgnoreCase))
            : [];

    /// <summary>
    /// Every segment starts with a header that records its creator's pid. One created by this process, or by a
    /// process that no longer exists (one of our children), is ours; one whose creator is another live process
    /// (a concurrent test run on a developer machine) is not.
    /// </summary>
    private static bool IsOurs(string entry)
    {
        if (!SegmentRegistry.TryReadHeader(System.IO.Path.Combine("/dev/shm", entry), out SegmentHeader header))
        {
            return true;
        }

        int creator = header.CreatorPid;
        return creator == Environment.ProcessId || !Directory.Exists($"/proc/{creator}");
    }

    private static string Describe(int pid)
    {
        try
        {
            return $"{pid} ({File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()})";
        }
        catch (IOException)
        {
            return pid.ToString(CultureInfo.InvariantCulture);
        }
    }
}
