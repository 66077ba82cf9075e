using MemoryPack;
using Multiproc.Serialization;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Serialization;

/// <summary>
/// A <c>[MemoryPackable]</c> record (<see cref="Reading"/>, no Multiproc attribute) crosses real process
/// boundaries as a Spawn argument and result, through a queue and through a pipe; malformed MemoryPack bytes
/// fail with <see cref="WireFormatException"/>, in this process and in a child that keeps serving.
/// </summary>
public sealed class MemoryPackInteropTests : ChildProcessTest
{
    [Fact]
    public void A_MemoryPackable_record_is_a_Spawn_argument_and_result()
    {
        Reading sent = MemoryPackTargets.Numbered(7);
        Process<Reading> child = Spawn.Scale(sent, 10);
        Reading back = child.GetResult();
        Assert.True(child.Join(Patience));
        Assert.Equal(0, child.ExitCode);
        AssertScaled(sent, back, 10);
    }

    [Fact]
    public void MemoryPackable_records_travel_through_a_queue()
    {
        using var queue = new ProcessQueue<Reading>();
        Process producer = Spawn.PutReadings(queue, 20);
        for (int i = 0; i < 20; i++)
        {
            AssertEqual(MemoryPackTargets.Numbered(i), queue.Get(Patience));
        }

        Assert.True(producer.Join(Patience));
        Assert.Equal(0, producer.ExitCode);
    }

    [Fact]
    public void MemoryPackable_records_travel_through_a_pipe_and_malformed_ones_fail_cleanly_in_the_child()
    {
        var (parent, child) = Multiprocessing.Pipe();
        using (parent)
        {
            Process echo = Spawn.EchoScaledReadings(child);
            child.Dispose();
            Reading sent = MemoryPackTargets.Numbered(3);
            parent.Send(sent);
            AssertScaled(sent, parent.Recv<Reading>(), 2);

            // A frame of our format whose MemoryPack bytes are garbage: the child's Recv throws WireFormatException.
            parent.SendBytes(Framed([0x04, 0xFF, 0xFF, 0xFF, 0x7F, 0x01, 0x02]));
            Reading error = parent.Recv<Reading>();
            Assert.StartsWith("error: A malformed MemoryPack payload for Multiproc.Tests.Targets.Reading", error.Sensor, StringComparison.Ordinal);

            parent.Send(sent);
            AssertScaled(sent, parent.Recv<Reading>(), 2);
            parent.Dispose();
            Assert.True(echo.Join(Patience));
            Assert.Equal(0, echo.ExitCode);
        }
    }

    [Fact]
    public void Malformed_MemoryPack_payloads_fail_with_WireFormatException()
    {
        WireSerializer<Reading> serializer = WireSerializer<Reading>.Default;
        byte[] valid = MemoryPackSerializer.Serialize(MemoryPackTargets.Numbered(1));

        // Garbage inside a well-formed length prefix.
        var garbage = Assert.Throws<WireFormatException>(() => serializer.Deserialize(Framed([0x04, 0xFF, 0xFF, 0xFF, 0x7F, 0x01, 0x02])));
        Assert.Contains("malformed MemoryPack payload for Multiproc.Tests.Targets.Reading", garbage.Message, StringComparison.Ordinal);

        // Every truncation of a valid payload (the prefix says fewer bytes than MemoryPack needs).
        for (int cut = 0; cut < valid.Length; cut++)
        {
            Assert.Throws<WireFormatException>(() => serializer.Deserialize(Framed(valid.AsSpan(0, cut))));
        }

        // A prefix longer than the message, a null prefix, and bytes MemoryPack leaves unread.
        byte[] overlong = Framed(valid);
        BitConverter.TryWriteBytes(overlong.AsSpan(0, 4), valid.Length + 1);
        Assert.Contains("remain", Assert.Throws<WireFormatException>(() => serializer.Deserialize(overlong)).Message, StringComparison.Ordinal);
        Assert.Throws<WireFormatException>(() => serializer.Deserialize(BitConverter.GetBytes(-1)));
        Assert.Contains("trailing", Assert.Throws<WireFormatException>(() => serializer.Deserialize(Framed([.. valid, 0, 0]))).Message, StringComparison.Ordinal);

        // And the valid one still reads.
        AssertEqual(MemoryPackTargets.Numbered(1), serializer.Deserialize(Framed(valid)));
    }

    /// <summary>MemoryPack bytes inside our length prefix, as the generated writer frames them.</summary>
    private static byte[] Framed(ReadOnlySpan<byte> memoryPack) => [.. BitConverter.GetBytes(memoryPack.Length), .. memoryPack];

    private static void AssertScaled(Reading sent, Reading back, double factor)
    {
        Assert.Equal(sent.Sensor + "*", back.Sensor);
        Assert.Equal(sent.Values.Select(v => v * factor), back.Values);
        Assert.Equal(sent.At, back.At);
        Assert.Equal(sent.Tags, back.Tags);
    }

    private static void AssertEqual(Reading expected, Reading actual)
    {
        Assert.Equal(expected.Sensor, actual.Sensor);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.Tags, actual.Tags);
    }
}
