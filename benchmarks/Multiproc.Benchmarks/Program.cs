// Multiproc side of the side-by-side benchmarks. Usage: Multiproc.Benchmarks <command> [-n N] [--suffix S]
// Output: one `name value unit` line per measurement, like benchmarks/cpython/mp_bench.py.
using Multiproc;
using Multiproc.Benchmarks;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

return BenchmarkCommands.Run(args);
