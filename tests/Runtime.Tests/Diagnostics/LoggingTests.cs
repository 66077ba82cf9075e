using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using PoolTargets = Multiproc.Tests.Targets.Pools.Targets;

namespace Multiproc.Tests.Diagnostics;

/// <summary>
/// <see cref="Multiprocessing.LoggerFactory"/>: real child processes, pools, locks, segments and listeners
/// produce the structured events, with pid, name and exit code as fields; with no factory set nothing is logged.
/// Other test classes may run at the same time, so every assertion picks its events by pid.
/// </summary>
public sealed class LoggingTests : ChildProcessTest, IDisposable
{
    private readonly CapturingLoggerFactory _log = new();

    public LoggingTests() => Multiprocessing.LoggerFactory = _log;

    public new void Dispose()
    {
        Multiprocessing.LoggerFactory = null;
        base.Dispose();
    }

    [Fact]
    public void A_child_that_exits_logs_started_and_exited_with_pid_name_and_exit_code()
    {
        Process p = Spawn.ExitWith(3);
        Assert.True(p.Join(Patience));
        int pid = p.Pid!.Value;

        CapturedLogEntry started = Assert.Single(_log.For("ChildStarted", pid));
        Assert.Equal("Multiproc.Process", started.Category);
        Assert.Equal(p.Name, started["ProcessName"]);
        Assert.Contains("ExitWith", (string)started["Target"]!, StringComparison.Ordinal);
        CapturedLogEntry exited = Assert.Single(_log.For("ChildExited", pid));
        Assert.Equal(3, exited["ExitCode"]);
        Assert.Equal($"Child {p.Name} (pid {pid}) exited with code 3", exited.Message);
        Assert.Empty(_log.For("ChildKilled", pid));
    }

    [Fact]
    public void A_killed_child_logs_the_signal_and_exit_code_minus_nine()
    {
        Process p = Spawn.Sleep(600_000);
        p.Kill();
        Assert.True(p.Join(Patience));
        int pid = p.Pid!.Value;

        CapturedLogEntry killed = Assert.Single(_log.For("ChildKilled", pid));
        Assert.Equal("SIGKILL", killed["SignalName"]);
        Assert.Equal(9, killed["Signal"]);
        Assert.Equal(-9, Assert.Single(_log.For("ChildExited", pid))["ExitCode"]);
    }

    [Fact]
    public void A_pool_logs_the_worker_that_died_its_replacement_and_a_timed_out_task()
    {
        int died;
        using (var pool = new Pool(1))
        {
            died = pool.Apply(PoolTargets.WorkerPid, 0);
            AsyncResult<int[]> map = pool.MapAsync(PoolTargets.DieAt, [(0, 0, "sigkill", "unused")]);
            Assert.Throws<WorkerDiedException>(() => map.Get(Patience));
            int replacement = pool.Apply(PoolTargets.WorkerPid, 0);

            CapturedLogEntry death = Assert.Single(_log.For("PoolWorkerDied", died));
            Assert.Equal("Multiproc.Pool", death.Category);
            Assert.Equal(-9, death["ExitCode"]);
            Assert.StartsWith("PoolWorker-", (string)death["ProcessName"]!, StringComparison.Ordinal);
            Assert.Single(_log.For("PoolWorkerReplaced", replacement));

            AsyncResult<int> slow = pool.ApplyAsync(PoolTargets.SleepThenPid, 600_000, timeout: TimeSpan.FromMilliseconds(300));
            Assert.Throws<TimeoutException>(() => slow.Get(Patience));
            CapturedLogEntry timedOut = Assert.Single(_log.For("TaskTimedOut", replacement));
            Assert.Contains("SleepThenPid", (string)timedOut["Target"]!, StringComparison.Ordinal);
            Assert.Equal(300d, timedOut["TimeoutMs"]);
            Assert.Single(_log.For("ChildKilled", replacement));
        }
    }

    [Fact]
    public async Task Taking_over_a_lock_from_a_dead_child_logs_its_pid()
    {
        using ProcessLock l = new();
        using ProcessEvent acquired = new();
        Process holder = Spawn.HoldLockUntilKilled(l, acquired);
        Assert.True(acquired.Wait(Patience));
        holder.Kill();
        Assert.True(holder.Join(Patience));
        await Assert.ThrowsAsync<AbandonedLockException>(() => Task.Run(() => l.Acquire(timeout: Patience)));
        l.Release();

        CapturedLogEntry recovered = Assert.Single(_log.For("AbandonedLockRecovered", holder.Pid));
        Assert.Equal("Multiproc.Lock", recovered.Category);
    }

    [Fact]
    public void Reaping_the_segment_of_a_killed_child_logs_its_path_and_creator()
    {
        using SharedArray<byte> nameOut = new(256);
        using ProcessEvent ready = new();
        Process child = Spawn.CreateSegmentAndHang(nameOut, ready);
        Assert.True(ready.Wait(Patience));
        string name = SharedStateTargets.ReadName(nameOut);
        child.Kill();
        Assert.True(child.Join(Patience));
        SharedMemory.ReapStale();
        Assert.False(File.Exists("/dev/shm/mp_" + name));

        CapturedLogEntry reaped = Assert.Single(_log.For("StaleSegmentReaped", child.Pid));
        Assert.Equal("/dev/shm/mp_" + name, reaped["Path"]);
    }

    [Fact]
    public async Task A_listener_logs_the_client_it_rejected()
    {
        string directory = Directory.CreateTempSubdirectory("mp-log-test-").FullName;
        try
        {
            string path = Path.Combine(directory, "listener.sock");
            using (var listener = Listener.Unix(path, "right key"u8.ToArray()))
            {
                Task<Connection> accepting = Task.Run(listener.Accept);
                Assert.Throws<AuthenticationFailedException>(() => Multiprocessing.Client(path, "wrong key"u8.ToArray()));
                await Assert.ThrowsAsync<AuthenticationFailedException>(() => accepting.WaitAsync(Patience));
            }

            CapturedLogEntry rejected = Assert.Single(_log.Entries, e => e.EventId.Name == "ClientRejected" && Equals(e["Address"], $"'{path}'"));
            Assert.Equal("Multiproc.Listener", rejected.Category);
            Assert.Contains("digest", (string)rejected["Reason"]!, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void With_no_factory_nothing_is_logged_and_nothing_allocated()
    {
        Multiprocessing.LoggerFactory = null;
        Assert.Null(Multiprocessing.LoggerFactory);
        Process p = Spawn.Sleep(600_000);
        p.Kill();
        Assert.True(p.Join(Patience));
        Assert.DoesNotContain(_log.Entries, e => Equals(e.Fields.GetValueOrDefault("Pid"), p.Pid));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            MultiprocLog.ChildStarted(i, "name", "target");
            MultiprocLog.ChildExited(i, "name", -9);
            MultiprocLog.TaskTimedOut("target", i, TimeSpan.FromSeconds(1), i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
