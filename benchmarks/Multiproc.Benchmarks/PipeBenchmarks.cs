using System.Diagnostics;

namespace Multiproc.Benchmarks;

/// <summary>
/// <c>pipe_roundtrip</c>, the counterpart of mp_bench.py's: a child echoes a small typed message (<see cref="PipeMessage"/>, standing for mp_bench.py's <c>(42, "x")</c>)
/// over a duplex <see cref="Multiprocessing.Pipe(bool)"/> (round-trip latency, 500 warm-ups then n timed), then a
/// child sends 512 × 1 MiB with <see cref="Connection.SendBytes(byte[], int, int?)"/> to the parent's
/// <see cref="Connection.RecvBytes(int?)"/> (bandwidth, timed from the parent's go to the last message). With
/// <c>--affinity same|cross</c> the parent's and the children's working threads are pinned (<see cref="CpuPlacement"/>).
/// </summary>
internal static class PipeBenchmarks
{
    public static void RoundTrip(int n, (int Parent, int Child) cpus)
    {
        const int warm = 500;
        CpuPlacement.PinCurrentThread(cpus.Parent);
        var (parent, child) = Multiprocessing.Pipe();
        Process echo = Spawn.PipeEcho(child, n + warm, cpus.Child);
        child.Close();
        var message = new PipeMessage(42, "x");
        for (int i = 0; i < warm; i++)
        {
            parent.Send(message);
            parent.Recv<PipeMessage>();
        }

        var samples = new List<double>(n);
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            parent.Send(message);
            PipeMessage back = parent.Recv<PipeMessage>();
            double us = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
            samples.Add(us);
            total += us;
            if (back.Number != 42)
            {
                throw new InvalidOperationException("pipe echo returned a wrong message");
            }
        }

        echo.Join();
        parent.Close();
        Check(echo);
        samples.Sort();
        BenchmarkCommands.Emit("pipe_pingpong_small_obj", samples[samples.Count / 2], "us");
        BenchmarkCommands.Emit("pipe_pingpong_small_obj_mean", total / n, "us");
        BenchmarkCommands.Emit("pipe_pingpong_small_obj_p10", samples[samples.Count / 10], "us");
        BenchmarkCommands.Emit("pipe_pingpong_small_obj_p90", samples[samples.Count * 9 / 10], "us");

        const int count = 512;
        const int size = 1 << 20;
        (parent, child) = Multiprocessing.Pipe();
        Process blast = Spawn.PipeBlast(child, count, size, cpus.Child);
        child.Close();
        parent.Send("go");
        long start = Stopwatch.GetTimestamp();
        long got = 0;
        for (int i = 0; i < count; i++)
        {
            got += parent.RecvBytes().Length;
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        blast.Join();
        parent.Close();
        Check(blast);
        if (got != (long)count * size)
        {
            throw new InvalidOperationException($"pipe blast delivered {got} bytes, expected {(long)count * size}");
        }

        BenchmarkCommands.Emit("pipe_send_bytes_1MiB_bw", got / seconds / 1e6, "MB/s");
    }

    private static void Check(Process child)
    {
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"pipe benchmark child exited with {child.ExitCode}");
        }

        child.Close();
    }
}
