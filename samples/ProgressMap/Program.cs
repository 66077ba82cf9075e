// A live progress bar over an imap of slow tasks: results stream back one by one while the bar moves.
using Multiproc;
using Spectre.Console;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

const int Count = 40;
using var pool = new Pool(4);
long total = 0;
await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
    .StartAsync(async context =>
    {
        ProgressTask bar = context.AddTask($"[green]{Count} slow tasks on {pool.Processes} workers[/]", maxValue: Count);
        await foreach (long value in pool.ImapAsync(Targets.SlowCube, Enumerable.Range(1, Count)))
        {
            total += value;
            bar.Increment(1);
        }
    });

AnsiConsole.MarkupLine($"sum of cubes 1..{Count} = [bold]{total}[/]");
pool.Close();
pool.Join();
return 0;

static class Work
{
    /// <summary>A slow task: 100-300 ms of "work", then the cube.</summary>
    [ProcessTarget]
    public static long SlowCube(int x)
    {
        Thread.Sleep(100 + (x * 37 % 200));
        return (long)x * x * x;
    }
}
