namespace Multiproc.Generators.Tests.RoundTrip;

/// <summary>Values that exercise every supported kind, for round-trip and malformed-input tests.</summary>
internal static class Samples
{
    public static Everything Full() => new()
    {
        Flag = true,
        U8 = 200,
        I8 = -100,
        I16 = -30000,
        U16 = 60000,
        I32 = int.MinValue,
        U32 = uint.MaxValue,
        I64 = long.MinValue,
        U64 = ulong.MaxValue,
        F32 = 1.5f,
        F64 = double.NaN,
        Letter = 'λ',
        Money = 12345.6789m,
        Text = "héllo, wörld",
        Moment = new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc),
        Stamp = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(-5.5)),
        Span = TimeSpan.FromMilliseconds(1234.5),
        Id = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        Color = Color.Blue,
        MaybeInt = 7,
        MaybePoint = new Point(1, 2),
        Numbers = [1, 2, 3],
        Words = ["a", null, ""],
        Bits = [true, false, true],
        Raw = [0, 255, 7],
        Jagged = [[1], [], [2, 3]],
        Names = ["x", "y"],
        Counts = new() { ["one"] = 1, ["two"] = 2 },
        Paths = new() { [1] = [new Point(0, 0), new Point(3, 4)], [2] = [] },
        Ids = [Guid.Empty, new Guid("00000000-0000-0000-0000-000000000001")],
        Pair = (42, "answer"),
        Single = new ValueTuple<bool>(true),
        Long = (1, 2, 3, 4, 5, 6, 7, 8, 9),
        OldPair = Tuple.Create(5, "five"),
        Origin = new Point(-1, -2),
        Job = new Job(1, "first", Color.Red, new Job.Detail { Price = 9.99m, When = new DateTime(2000, 1, 1), Title = "detail" }),
        Jobs = [new Job(2, "second", Color.Green, null), null!],
        Handle = new Handle { Fd = 17 },
        Box = new Box<int> { Value = 99 },
        JobBox = new Box<Job> { Value = new Job(3, "boxed", Color.Blue, null) },
        Tree = new Node { Value = 1, Next = new Node { Value = 2 }, Children = [new Node { Value = 3 }] },
    };

    /// <summary>A linked chain of <paramref name="length"/> nodes.</summary>
    public static Node Chain(int length)
    {
        var head = new Node { Value = 0 };
        Node current = head;
        for (int i = 1; i < length; i++)
        {
            current.Next = new Node { Value = i };
            current = current.Next;
        }

        return head;
    }
}
