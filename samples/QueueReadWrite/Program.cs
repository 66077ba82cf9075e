// The seeds' queue example: one process writes 'A', 'B', 'C' with random pauses, another reads forever;
// the parent waits for the writer, lets the reader report what it read, then terminates the endless reader.
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

using var queue = new ProcessQueue<char>();
using var echo = new ProcessQueue<char>();
Process reader = Spawn.Reader(queue, echo);
Process writer = Spawn.Writer(queue);
writer.Join();
for (int i = 0; i < 3; i++)
{
    echo.Get();
}

reader.Terminate();
reader.Join();
Console.WriteLine($"parent: writer exited with {writer.ExitCode}, reader was terminated ({reader.ExitCode})");
return 0;

static class Work
{
    [ProcessTarget]
    public static void Writer(ProcessQueue<char> queue)
    {
        foreach (char c in "ABC")
        {
            Thread.Sleep(Random.Shared.Next(0, 1000));
            Console.WriteLine($"writer: put {c}");
            queue.Put(c);
        }
    }

    [ProcessTarget]
    public static void Reader(ProcessQueue<char> queue, ProcessQueue<char> echo)
    {
        while (true)
        {
            char c = queue.Get();
            Console.WriteLine($"reader: got {c}");
            echo.Put(c);
        }
    }
}
