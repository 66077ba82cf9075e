using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

Spawn.Run(new Job("a", new object())).Join();
return 0;

[ProcessSerializable]
public sealed class Job(string name, object payload)
{
    public string Name { get; } = name;

    public object Payload { get; } = payload;
}

static class Work
{
    [ProcessTarget]
    public static void Run(Job job) => Console.WriteLine(job.Name);
}
