using Multiproc.Serialization;

namespace Multiproc.Generators.Tests.RoundTrip;

// Types and targets the generator runs on when this test project builds; the round-trip tests use the real
// generated serializers through WireSerializer<T>.Default and Targets.*.

public enum Color : short
{
    Red = 1,
    Green = 2,
    Blue = 3,
}

[ProcessSerializable]
public readonly struct Point
{
    public Point(double x, double y)
    {
        X = x;
        Y = y;
    }

    public double X { get; }

    public double Y { get; }

    public double Length => Math.Sqrt((X * X) + (Y * Y));
}

[ProcessSerializable]
public sealed record Job(int Id, string Name, Color Color, Job.Detail? Info)
{
    [ProcessSerializable]
    public sealed class Detail
    {
        public decimal Price { get; init; }

        public DateTime When;

        public required string Title { get; init; }
    }
}

[ProcessSerializable]
public sealed class Box<T>
{
    public T? Value { get; set; }
}

[ProcessSerializable]
public sealed class Node
{
    public int Value { get; set; }

    public Node? Next { get; set; }

    public List<Node> Children { get; set; } = [];
}

public sealed class Handle : IWireSerializable<Handle>
{
    public int Fd { get; init; }

    // -1 stands for null: a self-serializing reference type encodes null itself.
    public static void Write(ref WireWriter writer, Handle? value) => writer.WriteInt32(value?.Fd ?? -1);

    public static Handle Read(ref WireReader reader) => reader.ReadInt32() is var fd and >= 0 ? new() { Fd = fd } : null!;
}

public enum Level
{
    Low,
    High,
}

/// <summary>A generic self-serializing type, like the runtime's queues: its items go through WireSerializer&lt;T&gt;.Default.</summary>
public sealed class Channel<T> : IWireSerializable<Channel<T>>
{
    public List<T> Items { get; } = [];

    public static void Write(ref WireWriter writer, Channel<T> value)
    {
        writer.WriteCollectionHeader(value.Items.Count);
        foreach (T item in value.Items)
        {
            WireSerializer<T>.Default.Write(ref writer, item);
        }
    }

    public static Channel<T> Read(ref WireReader reader)
    {
        var channel = new Channel<T>();
        for (int count = reader.ReadCollectionHeader(1); count > 0; count--)
        {
            channel.Items.Add(WireSerializer<T>.Default.Read(ref reader));
        }

        return channel;
    }
}

[ProcessSerializable]
public sealed class Everything
{
    public bool Flag;
    public byte U8;
    public sbyte I8;
    public short I16;
    public ushort U16;
    public int I32;
    public uint U32;
    public long I64;
    public ulong U64;
    public float F32;
    public double F64;
    public char Letter;
    public decimal Money;
    public string? Text;
    public DateTime Moment;
    public DateTimeOffset Stamp;
    public TimeSpan Span;
    public Guid Id;
    public Color Color;
    public int? MaybeInt;
    public Point? MaybePoint;
    public int[]? Numbers;
    public string?[]? Words;
    public bool[]? Bits;
    public byte[]? Raw;
    public int[][]? Jagged;
    public List<string>? Names;
    public Dictionary<string, int>? Counts;
    public Dictionary<int, List<Point>>? Paths;
    public HashSet<Guid>? Ids;
    public (int Number, string? Label) Pair;
    public ValueTuple<bool> Single;
    public (int, int, int, int, int, int, int, int, int) Long;
    public Tuple<int, string>? OldPair;
    public Point Origin;
    public Job? Job;
    public List<Job>? Jobs;
    public Handle? Handle;
    public Box<int>? Box;
    public Box<Job>? JobBox;
    public Node? Tree;
    public ValueTuple Unit;
}

internal static class Work
{
    [ProcessTarget]
    public static int Square(int x) => x * x;

    [ProcessTarget]
    public static Everything Echo(Everything value) => value;

    [ProcessTarget]
    public static string Describe(string? name, int count, Color color) => $"{name}:{count}:{color}";

    [ProcessTarget]
    public static int Count(Channel<Dictionary<Level, Job>> channel) => channel.Items.Sum(d => d.Count);

    [ProcessTarget]
    public static void Nothing()
    {
    }

    [ProcessTarget]
    public static async Task<int> DoubleAsync(int x)
    {
        await Task.Yield();
        return x * 2;
    }
}
