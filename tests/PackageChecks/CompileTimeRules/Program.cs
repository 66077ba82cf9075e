using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

using var pool = new Pool(2);
int[] squares = pool.Map(x => x * x, new[] { 1, 2, 3 });   // MP0050 (and CS0411)
Spawn.Run(3).Join();                                      // one CS0619 pointing at MP0010, no CS0103
using var queue = new ProcessQueue<object>();              // MP0002: object cannot cross
return squares.Length;

sealed class Job
{
    [ProcessTarget]
    public int Run(int x) => x;                            // MP0010: not static
}

static class Gate
{
    [ProcessTarget]
    public static void Hold(SemaphoreSlim gate) { }        // MP0002, naming ProcessSemaphore
}

namespace Reports
{
    static class Work
    {
        [ProcessTarget]
        public static void Print() { }
    }

    sealed class Targets { }                               // MP0012
}
