// Beyond Python: one task crashes its worker (Environment.FailFast) while others run next to it. Only that
// task fails, with an exception that says how the worker died; the pool replaces the worker and every
// other task returns. (Python's Pool hangs forever here.)
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

using var pool = new Pool(2);
AsyncResult<int>[] tasks = Enumerable.Range(0, 8).Select(i => pool.ApplyAsync(Targets.Compute, (i, 5))).ToArray();
int failures = 0;
for (int i = 0; i < tasks.Length; i++)
{
    try
    {
        Console.WriteLine($"task {i}: {tasks[i].Get(TimeSpan.FromSeconds(60))}");
    }
    catch (WorkerDiedException e)
    {
        failures++;
        Console.WriteLine($"task {i}: FAILED (exit code {e.ExitCode}): {e.Message}");
    }
}

// The pool is still whole: a map after the crash uses the replacement worker.
Console.WriteLine($"after the crash: [{string.Join(", ", pool.Map(Targets.Compute, Enumerable.Range(10, 4).Select(i => (i, -1))))}]");
pool.Close();
pool.Join();
Console.WriteLine($"{failures} failure(s), {tasks.Length - failures} results");
return failures == 1 ? 0 : 1;

static class Work
{
    /// <summary>Squares <paramref name="x"/> after a short pause; the task numbered <paramref name="crashAt"/> brings its worker down.</summary>
    [ProcessTarget]
    public static int Compute(int x, int crashAt)
    {
        if (x == crashAt)
        {
            Environment.FailFast($"task {x} crashes its worker on purpose");
        }

        Thread.Sleep(50);
        return x * x;
    }
}
