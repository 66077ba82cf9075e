// Python's Pool example: Pool(4) maps squares, then five long tasks report which worker ran them and for
// how long; then close and join.
using System.Diagnostics;
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

var pool = new Pool(4);
int[] squares = pool.MapAsync(Targets.Square, Enumerable.Range(0, 10)).Get(TimeSpan.FromSeconds(60));
Console.WriteLine($"squares: [{string.Join(", ", squares)}]");

var clock = Stopwatch.StartNew();
AsyncResult<string>[] longTasks = Enumerable.Range(1, 5).Select(i => pool.ApplyAsync(Targets.LongTask, (i, 300))).ToArray();
foreach (AsyncResult<string> task in longTasks)
{
    Console.WriteLine(task.Get(TimeSpan.FromSeconds(60)));
}

Console.WriteLine($"five 300 ms tasks on 4 workers took {clock.ElapsedMilliseconds} ms");
pool.Close();
pool.Join();
Console.WriteLine("pool closed and joined");
return 0;

static class Work
{
    [ProcessTarget]
    public static int Square(int x) => x * x;

    /// <summary>Works for <paramref name="milliseconds"/> and says who did it and how long it took.</summary>
    [ProcessTarget]
    public static string LongTask(int number, int milliseconds)
    {
        var clock = Stopwatch.StartNew();
        Thread.Sleep(milliseconds);
        return $"task {number}: worker pid {Environment.ProcessId}, {clock.ElapsedMilliseconds} ms";
    }
}
