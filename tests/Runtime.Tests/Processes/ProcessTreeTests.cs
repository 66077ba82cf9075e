using System.Globalization;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Processes;

/// <summary>Parents, children, grandchildren, daemons and the module-level functions.</summary>
public sealed class ProcessTreeTests : ChildProcessTest
{
    [Fact]
    public void CurrentAndParent_InTheMainProcess()
    {
        Assert.Equal("MainProcess", Multiprocessing.CurrentProcess().Name);
        Assert.Equal(Environment.ProcessId, Multiprocessing.CurrentProcess().Pid);
        Assert.Null(Multiprocessing.ParentProcess());
        Assert.True(Multiprocessing.CpuCount >= 1);
    }

    [Fact]
    public void Child_SeesItsNameAndItsParent()
    {
        Process<string> p = Spawn.Describe(new ProcessOptions { Name = "describer" });
        string[] parts = p.GetResult().Split('|');
        Assert.Equal("describer", parts[0]);
        Assert.Equal(p.Pid!.Value.ToString(CultureInfo.InvariantCulture), parts[1]);
        Assert.Equal("False", parts[2]);
        Assert.Equal("MainProcess", parts[3]);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), parts[4]);
    }

    [Fact]
    public void Grandchild_SeesItsParent_WithPythonStyleName()
    {
        Process<string> child = Spawn.DescribeGrandchild();
        string[] parts = child.GetResult().Split('|');
        Assert.Matches($"^{child.Name}:1$", parts[0]);
        Assert.Equal(child.Name, parts[3]);
        Assert.Equal(child.Pid!.Value.ToString(CultureInfo.InvariantCulture), parts[4]);
    }

    [Fact]
    public void NativeCodeInAChild_DoesNotPassTheStartTokenOn()
    {
        // libc's environ, not only .NET's copy, must have lost the variable: a shell started with system()
        // sees nothing, and a Multiproc program it starts runs as a plain program (exit 2 for the test host)
        // instead of taking itself for a child and crashing on a channel it does not own.
        Assert.Equal(0, Spawn.RunThroughLibcSystem("test -z \"${MULTIPROC_CHILD+set}\"").GetResult());
        Assert.Equal(2, Spawn.RunThroughLibcSystem($"exec '{TestHostProgram.Path}' 2>/dev/null").GetResult());
    }

    [Fact]
    public void Daemon_CannotStartChildren()
    {
        Process<string> p = Spawn.TrySpawnChild(new ProcessOptions { Daemon = true });
        Assert.Equal("daemonic processes are not allowed to have children.", p.GetResult());
    }

    [Fact]
    public void ActiveChildren_ListsRunningChildrenOnly()
    {
        Process sleeper = Spawn.Sleep(600_000);
        Process quick = Spawn.Noop();
        quick.Join();
        IReadOnlyList<Process> active = Multiprocessing.ActiveChildren();
        Assert.Contains(sleeper, active);
        Assert.DoesNotContain(quick, active);
        sleeper.Kill();
        sleeper.Join();
        Assert.DoesNotContain(sleeper, Multiprocessing.ActiveChildren());
    }

    [Fact]
    public void AtParentExit_DaemonChildrenAreTerminated_OthersJoined()
    {
        string dir = Directory.CreateTempSubdirectory("multiproc-test-").FullName;
        try
        {
            string pidFile = Path.Combine(dir, "daemon.pid");
            string marker = Path.Combine(dir, "joined");
            Process parent = Spawn.StartFamily(pidFile, marker, stay: false);
            Assert.True(parent.Join(Patience));
            Assert.Equal(0, parent.ExitCode);
            // The non-daemon grandchild was joined before the parent exited: its file exists.
            Assert.True(File.Exists(marker), "the non-daemon child was not joined at parent exit");
            int daemonPid = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
            Assert.True(ProcessWatch.WaitForExit(daemonPid, Patience), "the daemon child survived its parent's exit");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WhenParentIsSigkilled_ItsDaemonChildrenDieToo() =>
        AssertDaemonDiesWithSigkilledParent(pidFile => Spawn.StartFamily(pidFile, null, stay: true));

    [Fact]
    public void WhenParentIsSigkilled_ItsWarmDaemonChildDiesToo() =>
        // A warm child starts its parent watch while idle; the daemon start only hands it the channel.
        AssertDaemonDiesWithSigkilledParent(pidFile => Spawn.StartWarmDaemonAndStay(pidFile));

    /// <summary>Starts a parent that reports a daemon child's pid and stays; SIGKILLs the parent; the daemon must die.</summary>
    private static void AssertDaemonDiesWithSigkilledParent(Func<string, Process> startParent)
    {
        string dir = Directory.CreateTempSubdirectory("multiproc-test-").FullName;
        try
        {
            string pidFile = Path.Combine(dir, "daemon.pid");
            Process parent = startParent(pidFile);
            WaitUntil(() => File.Exists(pidFile) || !parent.IsAlive, "the child to report its daemon's pid");
            Assert.True(File.Exists(pidFile), $"the child exited with {parent.ExitCode} before reporting its daemon's pid");
            int daemonPid = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
            Assert.True(ProcessWatch.IsRunning(daemonPid));
            parent.Kill();
            Assert.True(parent.Join(Patience));
            Assert.Equal(-9, parent.ExitCode);
            Assert.True(ProcessWatch.WaitForExit(daemonPid, Patience), "the daemon child survived its SIGKILLed parent");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
