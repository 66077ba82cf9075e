using Multiproc.Serialization;
using Xunit;

namespace Multiproc.Generators.Tests.RoundTrip;

/// <summary>Bytes from another process are untrusted: every malformed input fails with <see cref="WireFormatException"/>, never worse.</summary>
public sealed class MalformedInputTests
{
    [Fact]
    public void EveryStrictPrefix_Throws()
    {
        byte[] valid = WireSerializer<Everything>.Default.Serialize(Samples.Full());

        for (int length = 0; length < valid.Length; length++)
        {
            byte[] prefix = valid[..length];
            Assert.Throws<WireFormatException>(() => WireSerializer<Everything>.Default.Deserialize(prefix));
        }
    }

    [Fact]
    public void TrailingByte_Throws()
    {
        byte[] valid = WireSerializer<Everything>.Default.Serialize(Samples.Full());

        Assert.Throws<WireFormatException>(() => WireSerializer<Everything>.Default.Deserialize([.. valid, 0]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ForgedMaximumLength_ThrowsWithoutAllocating(int kind)
    {
        byte[] forged = [0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4];
        long before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<WireFormatException>(() =>
        {
            switch (kind)
            {
                case 0: WireSerializer<List<Job>>.Default.Deserialize(forged); break;
                case 1: WireSerializer<Dictionary<string, int>>.Default.Deserialize(forged); break;
                case 2: WireSerializer<int[]>.Default.Deserialize(forged); break;
                default: WireSerializer<string?[]>.Default.Deserialize(forged); break;
            }
        });

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "A forged length made the reader allocate.");
    }

    [Fact]
    public void RandomBytes_OnlyEverThrowWireFormatException()
    {
        var random = new Random(12345);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 96)];
            random.NextBytes(bytes);
            AssertOnlyWireFormatException<Everything>(bytes);
            AssertOnlyWireFormatException<Dictionary<string, int>>(bytes);
            AssertOnlyWireFormatException<Node>(bytes);
        }
    }

    [Fact]
    public void MutatedValidEncodings_OnlyEverThrowWireFormatException()
    {
        byte[] valid = WireSerializer<Everything>.Default.Serialize(Samples.Full());
        var random = new Random(678);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = (byte[])valid.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            AssertOnlyWireFormatException<Everything>(bytes);
        }
    }

    [Fact]
    public void InvalidDecimalDateTimeAndBoolean_Throw()
    {
        byte[] badDecimal = new byte[16];
        badDecimal[2] = 29; // scale 29
        Assert.Throws<WireFormatException>(() => ReadDecimal(badDecimal));
        Assert.Throws<WireFormatException>(() => WireSerializer<DateTime>.Default.Deserialize([0, 0, 0, 0, 0, 0, 0, 0, 3]));
        Assert.Throws<WireFormatException>(() => WireSerializer<DateTime>.Default.Deserialize([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0]));
        Assert.Throws<WireFormatException>(() => WireSerializer<DateTimeOffset>.Default.Deserialize([0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0x7F]));
        Assert.Throws<WireFormatException>(() => WireSerializer<bool[]>.Default.Deserialize([1, 0, 0, 0, 2]));
    }

    [Fact]
    public void DuplicateOrNullDictionaryKey_Throws()
    {
        byte[] duplicate = [2, 0, 0, 0, 1, 0, 0, 0, (byte)'a', 0, 1, 0, 0, 0, 1, 0, 0, 0, (byte)'a', 0, 2, 0, 0, 0];
        byte[] nullKey = [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0];

        Assert.Throws<WireFormatException>(() => WireSerializer<Dictionary<string, int>>.Default.Deserialize(duplicate));
        Assert.Throws<WireFormatException>(() => WireSerializer<Dictionary<string, int>>.Default.Deserialize(nullKey));
    }

    [Fact]
    public void NestingDeeperThanTheLimit_Throws()
    {
        // A node is one level, its children list one more.
        Assert.NotNull(WireSerializer<Node>.Default.Deserialize(ForgedChain(WireReader.MaxDepth - 1)));

        Assert.Throws<WireFormatException>(() => WireSerializer<Node>.Default.Deserialize(ForgedChain(WireReader.MaxDepth)));
        Assert.Throws<WireFormatException>(() => WireSerializer<Node>.Default.Deserialize(ForgedChain(100_000)));
    }

    [Fact]
    public void WritingCyclesOrTooDeepGraphs_ThrowsInsteadOfOverflowingTheStack()
    {
        var cycle = new Node { Value = 1 };
        cycle.Next = cycle;

        Assert.Throws<InvalidOperationException>(() => WireSerializer<Node>.Default.Serialize(cycle));
        Assert.Throws<InvalidOperationException>(() => WireSerializer<Node>.Default.Serialize(Samples.Chain(WireReader.MaxDepth)));
        Assert.NotEmpty(WireSerializer<Node>.Default.Serialize(Samples.Chain(WireReader.MaxDepth - 1))); // the guard unwound
    }

    /// <summary>Hand-made bytes of a <see cref="Node"/> chain <paramref name="depth"/> long: (present, value, next…, empty children).</summary>
    private static byte[] ForgedChain(int depth)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < depth; i++)
        {
            bytes.AddRange([1, 0, 0, 0, 0]);
        }

        bytes.Add(0);
        for (int i = 0; i < depth; i++)
        {
            bytes.AddRange([0, 0, 0, 0]);
        }

        return [.. bytes];
    }

    private static decimal ReadDecimal(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        return WirePrimitives.ReadDecimal(ref reader);
    }

    private static void AssertOnlyWireFormatException<T>(byte[] bytes)
    {
        try
        {
            WireSerializer<T>.Default.Deserialize(bytes);
        }
        catch (WireFormatException)
        {
        }
    }
}
