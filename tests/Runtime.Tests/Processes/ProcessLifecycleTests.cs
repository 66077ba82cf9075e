using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using ChildTargets = Multiproc.Tests.Targets.Targets;

namespace Multiproc.Tests.Processes;

public sealed class ProcessLifecycleTests : ChildProcessTest
{
    [Fact]
    public void Start_Join_ReturnValueAndExitCodeZero()
    {
        Process<int> p = Spawn.Square(7);
        Assert.True(p.Pid > 0);
        Assert.True(p.Join(Patience));
        Assert.Equal(0, p.ExitCode);
        Assert.False(p.IsAlive);
        Assert.Equal(49, p.GetResult());
    }

    [Fact]
    public void UnhandledException_ExitCodeOne_RemoteExceptionCarriesChildStack()
    {
        Process p = Spawn.Fail("boom from the child");
        Assert.True(p.Join(Patience));
        Assert.Equal(1, p.ExitCode);
        RemoteException e = Assert.IsType<RemoteException>(p.Exception);
        Assert.Equal("System.InvalidOperationException", e.RemoteTypeName);
        Assert.Equal("boom from the child", e.RemoteMessage);
        Assert.Contains("ProcessTargets.Fail", e.ToString());
    }

    [Fact]
    public void GetResult_AfterChildThrew_ThrowsRemoteException()
    {
        Process<ValueTuple> p = Process.Create(ChildTargets.Fail, "bad");
        p.Start();
        var e = Assert.Throws<RemoteException>(() => p.GetResult());
        Assert.Contains("bad", e.Message);
    }

    [Fact]
    public void ExitCode_IsTheCodeTheTargetAskedFor()
    {
        Process p = Spawn.ExitWith(3);
        p.Join(Patience);
        Assert.Equal(3, p.ExitCode);
        var e = Assert.Throws<ProcessFailedException>(() => Process.Create(ChildTargets.ExitWith, 4).Also(q => q.Start()).GetResult());
        Assert.Equal(4, e.ExitCode);
    }

    [Fact]
    public void Terminate_ExitCodeMinus15()
    {
        Process p = Spawn.Sleep(600_000);
        p.Terminate();
        Assert.True(p.Join(Patience));
        Assert.Equal(-15, p.ExitCode);
    }

    [Fact]
    public void Kill_ExitCodeMinus9_AndResultSaysKilled()
    {
        Process<ValueTuple> p = Process.Create(ChildTargets.Sleep, 600_000);
        p.Start();
        p.Kill();
        Assert.True(p.Join(Patience));
        Assert.Equal(-9, p.ExitCode);
        var e = Assert.Throws<ProcessFailedException>(() => p.GetResult());
        Assert.Contains("signal 9", e.Message);
    }

    [Fact]
    public void JoinWithShortTimeout_OnSleepingChild_ReturnsWithExitCodeNull()
    {
        Process p = Spawn.Sleep(600_000);
        Assert.False(p.Join(TimeSpan.FromSeconds(0.1)));
        Assert.Null(p.ExitCode);
        Assert.True(p.IsAlive);
        p.Kill();
        p.Join();
    }

    [Fact]
    public async Task JoinAsync_And_GetResultAsync()
    {
        Process<int> p = Spawn.Square(12);
        await p.JoinAsync();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(144, await p.GetResultAsync());
    }

    [Fact]
    public void Sentinel_BecomesReadyAtExit()
    {
        Process p = Spawn.Sleep(600_000);
        ProcessSentinel sentinel = p.Sentinel;
        Assert.False(sentinel.Wait(TimeSpan.FromMilliseconds(50)));
        p.Kill();
        Assert.True(sentinel.Wait(Patience));
        p.Join();
        Assert.True(sentinel.IsSet);
    }

    [Fact]
    public void ArgumentsOfSeveralKinds_RoundTrip()
    {
        Assert.Equal(6L + (1L << 40), Spawn.Sum([1, 2, 3], 1L << 40).GetResult());
        Assert.Equal("<null>", Spawn.Echo(null).GetResult());
        Assert.Equal("héllo ✓", Spawn.Echo("héllo ✓").GetResult());
    }

    [Fact]
    public void HundredShortChildrenInARow_AllExitZero()
    {
        for (int i = 0; i < 100; i++)
        {
            Process p = Spawn.Noop();
            Assert.True(p.Join(Patience));
            Assert.Equal(0, p.ExitCode);
            p.Close();
        }
    }

    [Fact]
    public void Dispose_KillsARunningChild()
    {
        Process p = Spawn.Sleep(600_000);
        int pid = p.Pid!.Value;
        p.Dispose();
        Assert.False(ProcessWatch.IsRunning(pid));
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
