using Multiproc.Serialization;
using Xunit;

namespace Multiproc.Generators.Tests.RoundTrip;

/// <summary>Values written and read back through the serializers the generator emitted into this test assembly.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Everything_RoundTripsEveryKind()
    {
        Everything value = Samples.Full();

        Everything copy = RoundTrip(value);

        Assert.Equivalent(value, copy, strict: true);
        Assert.Equal(value.Moment.Kind, copy.Moment.Kind);
        Assert.Equal(value.Stamp.Offset, copy.Stamp.Offset);
        Assert.True(double.IsNaN(copy.F64));
    }

    [Fact]
    public void EmptyObject_RoundTripsDefaultsAndNulls()
    {
        var value = new Everything();

        Everything copy = RoundTrip(value);

        Assert.Equivalent(value, copy, strict: true);
        Assert.Null(copy.Names);
        Assert.Null(copy.Job);
    }

    [Fact]
    public void Null_RoundTripsAsNull()
    {
        Assert.Null(RoundTrip<Everything?>(null));
        Assert.Null(RoundTrip<List<Job>?>(null));
        Assert.Null(RoundTrip<int?>(null));
    }

    [Fact]
    public void Collections_RoundTripThroughTheirOwnRegisteredSerializers()
    {
        Assert.Equal([1, 2, 3], RoundTrip(new List<string> { "1", "2", "3" }).Select(int.Parse));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1 }, RoundTrip(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.Equal((7, "seven"), RoundTrip<(int, string?)>((7, "seven")));
        Assert.Equal(Color.Green, RoundTrip(Color.Green));
        Assert.Equal(new Point(5, 6), RoundTrip(new Point(5, 6)));
    }

    [Fact]
    public void UndeclaredEnumValue_RoundTripsUnchanged()
    {
        Assert.Equal((Color)999, RoundTrip((Color)999));
    }

    [Fact]
    public void RecursiveType_RoundTripsUpToTheDepthLimit()
    {
        // Each node is one level and its (empty) children list another: the deepest node sits at MaxDepth.
        Node chain = Samples.Chain(WireReader.MaxDepth - 1);

        Node? copy = RoundTrip(chain);

        for (int i = 0; i < WireReader.MaxDepth - 1; i++, copy = copy.Next)
        {
            Assert.NotNull(copy);
            Assert.Equal(i, copy.Value);
            Assert.Empty(copy.Children);
        }

        Assert.Null(copy);
    }

    [Fact]
    public void UnmanagedArray_IsOneBlockCopy()
    {
        byte[] bytes = WireSerializer<Everything>.Default.Serialize(new Everything { Numbers = [1, 2] });
        byte[] numbers = WireSerializer<int[]>.Default.Serialize([1, 2]);

        Assert.Equal([2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0], numbers);
        Assert.True(bytes.AsSpan().IndexOf(numbers) >= 0);
    }

    [Fact]
    public void TargetArguments_EncodeAsTheTupleOfParameters()
    {
        byte[] arguments = Encode(Targets.Describe.WriteArguments, ("name", 3, Color.Red));

        byte[] concatenated = [.. WireSerializer<string>.Default.Serialize("name"), .. WireSerializer<int>.Default.Serialize(3), .. WireSerializer<Color>.Default.Serialize(Color.Red)];

        Assert.Equal(concatenated, arguments);
        Assert.Empty(Encode(Targets.Nothing.WriteArguments, default));
    }

    [Fact]
    public void TargetDescriptor_HasStableIdentity()
    {
        Assert.Equal("Multiproc.Generators.Tests.RoundTrip.Work.Square", Targets.Square.Name);
        Assert.Equal(Infrastructure.Fnv1aReference.Hash("M:Multiproc.Generators.Tests.RoundTrip.Work.Square(System.Int32)"), Targets.Square.Id);
        Assert.Equal(Targets.Square.SchemaHash, Targets.DoubleAsync.SchemaHash); // int → int either way
        Assert.NotEqual(Targets.Square.SchemaHash, Targets.Echo.SchemaHash);
    }

    internal static T RoundTrip<T>(T value)
    {
        WireSerializer<T> serializer = WireSerializer<T>.Default;
        return serializer.Deserialize(serializer.Serialize(value));
    }

    internal static byte[] Encode<T>(WireWrite<T> write, T value)
    {
        var writer = new WireWriter();
        try
        {
            write(ref writer, value);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
