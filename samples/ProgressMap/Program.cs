// A live progress bar over an imap of slow tasks: results stream back one by one while the bar moves
// (without a terminal, plain progress lines ending on the final state).
using Multiproc;
using Spectre.Console;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

const int Count = 40;
using var pool = new Pool(4);
long total = 0;
string title = $"{Count} slow tasks on {pool.ProcessCount} workers";
if (AnsiConsole.Profile.Capabilities.Interactive)
{
    await AnsiConsole.Progress()
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
        .StartAsync(async context =>
        {
            ProgressTask bar = context.AddTask($"[green]{title}[/]", maxValue: Count);
            await foreach (long value in pool.ImapAsync(Targets.SlowCube, Enumerable.Range(1, Count)))
            {
                total += value;
                bar.Increment(1);
            }
        });
}
else
{
    // No terminal (redirected, CI): a live bar cannot redraw, so print plain progress lines, the last one
    // being the final state, rather than whatever frame the bar had drawn when output stopped.
    Console.WriteLine(title);
    int done = 0;
    await foreach (long value in pool.ImapAsync(Targets.SlowCube, Enumerable.Range(1, Count)))
    {
        total += value;
        done++;
        if (done % 10 == 0 || done == Count)
        {
            Console.WriteLine($"{done}/{Count} done ({done * 100 / Count}%)");
        }
    }
}

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
