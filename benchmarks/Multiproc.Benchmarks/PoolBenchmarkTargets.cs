namespace Multiproc.Benchmarks;

/// <summary>Targets of the pool benchmarks: the same tiny work as mp_bench.py's <c>square</c> and <c>noop</c>.</summary>
public static class PoolBenchmarkTargets
{
    [ProcessTarget]
    public static long SquareOf(long x) => x * x;

    [ProcessTarget]
    public static void PoolNoop()
    {
    }
}
