namespace Multiproc.Benchmarks;

/// <summary>
/// The children of <c>pipe_roundtrip</c>, shaped like mp_bench.py's <c>pipe_echo</c> and <c>pipe_stream</c>: the
/// pipe end arrives as an argument (its descriptor is inherited).
/// </summary>
public static class PipeBenchmarkTargets
{
    /// <summary>Receives <paramref name="count"/> small typed messages and sends each one back, on <paramref name="cpu"/> (-1: any).</summary>
    [ProcessTarget]
    public static void PipeEcho(Connection connection, int count, int cpu)
    {
        CpuPlacement.PinCurrentThread(cpu);
        using (connection)
        {
            for (int i = 0; i < count; i++)
            {
                connection.Send(connection.Recv<PipeMessage>());
            }
        }
    }

    /// <summary>Waits for the parent's go, then sends <paramref name="count"/> messages of <paramref name="size"/> bytes, on <paramref name="cpu"/> (-1: any).</summary>
    [ProcessTarget]
    public static void PipeBlast(Connection connection, int count, int size, int cpu)
    {
        CpuPlacement.PinCurrentThread(cpu);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++)
        {
            payload[i] = (byte)i;
        }

        using (connection)
        {
            connection.Recv<string>();
            for (int i = 0; i < count; i++)
            {
                connection.SendBytes(payload);
            }
        }
    }
}

/// <summary>The small typed message of <c>pipe_roundtrip</c>: mp_bench.py sends the tuple <c>(42, "x")</c>.</summary>
/// <param name="Number">42.</param>
/// <param name="Text">"x".</param>
[ProcessSerializable]
public sealed record PipeMessage(int Number, string Text);
