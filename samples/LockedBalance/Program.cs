// Several processes deposit into and withdraw from one shared balance under its lock; the final balance
// is exact. Python: multiprocessing.Value('i', 0) + value.get_lock(). Needs the Multiproc generator (Spawn.*).
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

const int Workers = 4;
const int Operations = 10_000;

using SharedValue<long> balance = new(1_000);
Process[] workers = new Process[Workers];
for (int i = 0; i < Workers; i++)
{
    // Even workers deposit 3, odd workers withdraw 2, each Operations times.
    workers[i] = Spawn.Transact(balance, i % 2 == 0 ? 3 : -2, Operations);
}

foreach (Process worker in workers)
{
    worker.Join();
}

long expected = 1_000 + (Workers / 2 * Operations * 3) - (Workers / 2 * Operations * 2);
Console.WriteLine($"balance: {balance.Value} (expected {expected})");
return balance.Value == expected ? 0 : 1;

static class Bank
{
    [ProcessTarget]
    public static void Transact(SharedValue<long> balance, int amount, int times)
    {
        ProcessRLock guard = balance.GetLock();
        for (int i = 0; i < times; i++)
        {
            using (guard.Hold())
            {
                balance.Value += amount; // read-modify-write: only safe under the lock
            }
        }

        Console.WriteLine($"pid {Environment.ProcessId}: {times} × {amount:+#;-#}");
    }
}
