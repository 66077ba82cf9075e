namespace Multiproc.Tests.Targets;

/// <summary>A program with one of everything that needs cleanup, for the SIGINT/SIGTERM tests.</summary>
public static class SignalTargets
{
    /// <summary>
    /// Starts a pool, a daemon child and a non-daemon child, creates a queue, a lock and a default listener,
    /// writes "listener path" to <paramref name="reportFile"/>, then waits for a signal.
    /// </summary>
    [ProcessTarget]
    public static void HoldEverythingUntilSignalled(string reportFile)
    {
        var pool = new Pool(2);
        if (pool.Apply(Pools.Targets.Square, 3) != 9)
        {
            throw new InvalidOperationException("the pool does not work");
        }

        Process daemon = Process.Create(Targets.Sleep, 600_000, new ProcessOptions { Daemon = true });
        daemon.Start();
        Process child = Spawn.Sleep(600_000);
        var queue = new ProcessQueue<int>();
        queue.Put(1);
        var big = new ProcessQueue<byte[]>(0, 64 * 1024);
        big.Put(new byte[100_000]); // a spill file too
        var lockHandle = new ProcessLock();
        var listener = new Listener();
        File.WriteAllText(reportFile + ".tmp", listener.Address.ToString());
        File.Move(reportFile + ".tmp", reportFile);
        Thread.Sleep(Timeout.Infinite);
        GC.KeepAlive(new object[] { pool, daemon, child, queue, big, lockHandle, listener });
    }
}
