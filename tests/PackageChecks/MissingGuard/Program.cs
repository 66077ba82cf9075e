using Multiproc;

namespace MissingGuard;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("starting a child");
        Process child = Spawn.Hello();
        child.Join();
        return child.ExitCode ?? 1;
    }
}

public static class Work
{
    [ProcessTarget]
    public static void Hello() => Console.WriteLine("hello from the child");
}
