using System.Globalization;
using Multiproc.Interop;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Processes;

/// <summary>SIGINT and SIGTERM to a running Multiproc program: Python's KeyboardInterrupt exit, cleanup included.</summary>
public sealed partial class ExitSignalTests : ChildProcessTest
{
    private const nint SigDfl = 0;
    private const nint SigIgn = 1;

    [Theory]
    [InlineData(2, 130)] // SIGINT
    [InlineData(15, 143)] // SIGTERM
    public void ASignalledProgram_EndsItsChildren_AndRemovesItsFiles(int signal, int expectedExitCode)
    {
        string report = Path.Combine(Path.GetTempPath(), $"mp-signal-{Guid.NewGuid():N}");
        // A test run started in the background of a non-interactive shell inherits SIGINT (and SIGQUIT) ignored,
        // and so would the program: an ignored SIGINT is kept ignored, as Python keeps it (no KeyboardInterrupt).
        // The program is meant to see the signal, so it starts with the default disposition.
        Process program;
        bool ignored = IsIgnored(signal);
        if (ignored)
        {
            SetDisposition(signal, SigDfl);
        }

        try
        {
            program = Spawn.HoldEverythingUntilSignalled(report);
        }
        finally
        {
            if (ignored)
            {
                SetDisposition(signal, SigIgn);
            }
        }

        WaitUntil(() => File.Exists(report), "the program to set up its pool, children, queues, lock and listener");
        string socket = File.ReadAllText(report);
        File.Delete(report);
        int pid = program.Pid!.Value;
        int[] children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : 0)
            .Where(p => p > 0 && LeakCheck.ParentOf(p) == pid)
            .ToArray();
        Assert.True(children.Length >= 4, $"expected 2 pool workers, a daemon and a child, found {children.Length}");

        // The program alone gets the signal (as from `kill`), not its process group: its non-daemon child must
        // still end, or the exit would wait for it (SIGTERM) or orphan it (SIGINT).
        Assert.Equal(0, Libc.Kill(pid, signal));
        Assert.True(program.Join(Patience), "the program did not exit");
        Assert.Equal(expectedExitCode, program.ExitCode);
        foreach (int child in children)
        {
            Assert.True(ProcessWatch.WaitForExit(child, Patience), $"child {child} of the program was left running");
        }

        Assert.False(File.Exists(socket), $"{socket} was left behind");
        Assert.False(Directory.Exists(Path.GetDirectoryName(socket)), "the listener's directory was left behind");
        // The /dev/shm check (queue, spill file, lock segments) is the base class's, after the test.
    }

    /// <summary>Whether this process ignores <paramref name="signal"/> (the SigIgn mask in /proc/self/status).</summary>
    private static bool IsIgnored(int signal)
    {
        string mask = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        return (ulong.Parse(mask, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (signal - 1))) != 0;
    }

    private static void SetDisposition(int signal, nint handler) => Assert.NotEqual(-1, (long)SetSignal(signal, handler));

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "signal")]
    private static partial nint SetSignal(int signal, nint handler);
}
