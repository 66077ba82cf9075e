namespace Multiproc.Benchmarks;

/// <summary>Targets the benchmarks start in children.</summary>
public static class BenchmarkTargets
{
    [ProcessTarget]
    public static void Noop()
    {
    }
}
