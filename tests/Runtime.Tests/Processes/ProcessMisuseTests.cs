using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using ChildTargets = Multiproc.Tests.Targets.Targets;

namespace Multiproc.Tests.Processes;

/// <summary>Misuse fails as in Python, with Python's messages.</summary>
public sealed class ProcessMisuseTests : ChildProcessTest
{
    [Fact]
    public void JoinBeforeStart_Throws()
    {
        Process p = Process.Create(ChildTargets.Noop);
        var e = Assert.Throws<InvalidOperationException>(() => p.Join());
        Assert.Contains("can only join a started process", e.Message);
        Assert.Null(p.Pid);
        Assert.Null(p.ExitCode);
        Assert.False(p.IsAlive);
    }

    [Fact]
    public void StartTwice_Throws()
    {
        Process p = Process.Create(ChildTargets.Noop);
        p.Start();
        var e = Assert.Throws<InvalidOperationException>(p.Start);
        Assert.Contains("cannot start a process twice", e.Message);
        p.Join();
    }

    [Fact]
    public void DaemonAfterStart_Throws()
    {
        Process p = Spawn.Sleep(600_000);
        var e = Assert.Throws<InvalidOperationException>(() => p.Daemon = true);
        Assert.Contains("already started", e.Message);
        p.Kill();
        p.Join();
    }

    [Fact]
    public void CloseWhileRunning_Throws_ThenCloseAfterJoin_MakesObjectUnusable()
    {
        Process p = Spawn.Sleep(600_000);
        var e = Assert.Throws<InvalidOperationException>(p.Close);
        Assert.Contains("still running", e.Message);
        p.Kill();
        p.Join();
        p.Close();
        Assert.Contains("closed", Assert.Throws<ObjectDisposedException>(() => p.Join()).Message);
        Assert.Contains("closed", Assert.Throws<ObjectDisposedException>(() => p.ExitCode).Message);
        Assert.Contains("closed", Assert.Throws<ObjectDisposedException>(p.Start).Message);
        Assert.Contains("closed", Assert.Throws<ObjectDisposedException>(p.Terminate).Message);
        p.Close(); // closing twice is allowed, as in Python
    }

    [Fact]
    public void DefaultNames_FollowPython()
    {
        Process a = Process.Create(ChildTargets.Noop);
        Process b = Process.Create(ChildTargets.Noop);
        Assert.Matches(@"^Process-\d+$", a.Name);
        int na = int.Parse(a.Name["Process-".Length..]);
        Assert.Equal($"Process-{na + 1}", b.Name);
        Process named = Process.Create(ChildTargets.Noop, new ProcessOptions { Name = "worker" });
        Assert.Equal("worker", named.Name);
    }

    [Fact]
    public void StartTimeout_MustBePositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Process.Create(ChildTargets.Noop, new ProcessOptions { StartTimeout = TimeSpan.Zero }));
        Assert.Contains("StartTimeout", e.Message);
    }
}
