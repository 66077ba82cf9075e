using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

Spawn.Run(1).Join();
return 0;

static class Resize
{
    [ProcessTarget]
    public static void Run(int width) => Console.WriteLine(width);
}

static class Encode
{
    [ProcessTarget]
    public static void Run(int quality) => Console.WriteLine(quality);
}

sealed class Job
{
    [ProcessTarget]
    public void Work() => Console.WriteLine("instance");
}
