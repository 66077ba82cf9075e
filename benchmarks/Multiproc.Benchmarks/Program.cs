// Multiproc side of the side-by-side benchmarks. Usage: Multiproc.Benchmarks <command> [-n N] [--suffix S]
// Output: one `name value unit` line per measurement, like benchmarks/cpython/mp_bench.py.
using Multiproc;
using Multiproc.Benchmarks;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

// The floor for a NativeAOT child of this binary (run.sh: spawn_posix_spawn_same_binary_nativeaot): the same program,
// its runtime started and its Main returning at once, as benchmarks/EmptyProgram's does.
if (args is ["exit_at_once"])
{
    return 0;
}

// A worker node of the distributed rows: Multiproc.Benchmarks --multiproc-worker nats://… --processes N
if (await Multiproc.Distributed.DistributedWorker.RunFromCommandLineAsync(args, DistributedBenchmarks.Options) is int workerExit)
{
    return workerExit;
}

return BenchmarkCommands.Run(args);
