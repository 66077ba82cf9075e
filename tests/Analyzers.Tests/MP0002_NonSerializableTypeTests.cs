using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0002_NonSerializableTypeTests
{
    private const string Advice = "; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type";

    private static Task<Diagnostic[]> Verify(string markup, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        AnalyzerVerifier<NonSerializableTypeAnalyzer>.VerifyAsync(markup, kind);

    [Fact]
    public async Task ObjectParameter_ReportedOnTypeWithMessage()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Work
            {
                [ProcessTarget]
                public static void Run(int id, {|MP0002:object|} payload) { }
            }
            """);

        Assert.Equal("Parameter 'payload' of process target 'Work.Run' is not serializable: object" + Advice, d[0].GetMessage());
    }

    [Fact]
    public async Task MemberOfMarkedType_PathNamesTheMember()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            [ProcessSerializable]
            public sealed class Job
            {
                public int Id { get; set; }
                public object? Payload { get; set; }
            }

            public static class Work
            {
                [ProcessTarget]
                public static void Run({|MP0002:Job|} job) { }

                [ProcessTarget]
                public static void RunAll({|MP0002:System.Collections.Generic.List<Job>|} jobs) { }
            }
            """);

        Assert.Equal("Parameter 'job' of process target 'Work.Run' is not serializable: Job → Job.Payload: object" + Advice, d[0].GetMessage());
        Assert.Equal("Parameter 'jobs' of process target 'Work.RunAll' is not serializable: List<Job> → Job.Payload: object" + Advice, d[1].GetMessage());
    }

    [Fact]
    public async Task PartialTarget_ReportedOnceOnTheDeclarationCarryingTheAttribute() => await Verify("""
        using Multiproc;
        public static partial class Work
        {
            [ProcessTarget] public static partial void Run({|MP0002:object|} payload);
            public static partial void Run(object payload) { }
        }
        """);

    [Fact]
    public async Task UnmarkedClassParameter_Reported() => await Verify("""
        using Multiproc;
        public sealed class Job { public int Id { get; set; } }
        public static class Work
        {
            [ProcessTarget]
            public static void Run({|MP0002:Job|} job) { }
        }
        """);

    [Fact]
    public async Task TaskOfStreamResult_ReportedOnReturnTypeWithMessage()
    {
        Diagnostic[] d = await Verify("""
            using System.IO;
            using System.Threading.Tasks;
            using Multiproc;
            public static class Work
            {
                [ProcessTarget]
                public static async {|MP0002:Task<Stream>|} Open()
                {
                    await Task.Yield();
                    return Stream.Null;
                }
            }
            """);

        Assert.Equal("The result of process target 'Work.Open' is not serializable: Stream" + Advice, d[0].GetMessage());
    }

    [Fact]
    public async Task ElementOfCollection_PathEndsWithElement() => await Verify("""
        using System.Collections.Generic;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget]
            public static {|MP0002:Dictionary<string, object>|} Collect({|MP0002:List<System.Threading.Thread>[]|} threads) => new();
        }
        """);

    [Fact]
    public async Task SupportedTypes_NoDiagnostic() => await Verify("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Multiproc;
        using Multiproc.Serialization;

        public enum Color { Red, Green }

        [ProcessSerializable]
        public sealed record Point(int X, int Y);

        public sealed class Handle : IWireSerializable<Handle>
        {
            public static void Write(ref WireWriter writer, Handle value) { }
            public static Handle Read(ref WireReader reader) => new();
        }

        public static class Work
        {
            [ProcessTarget]
            public static void Primitives(bool b, char c, byte u8, short i16, int i32, long i64, ulong u64, float f, double d, decimal m, string s) { }

            [ProcessTarget]
            public static void Clock(DateTime when, DateTimeOffset at, TimeSpan span, Guid id, int? maybe, Color color) { }

            [ProcessTarget]
            public static void Collections(int[] numbers, List<string> names, Dictionary<string, Point> points, HashSet<Guid> ids, (int, string) pair, Tuple<int, long> old) { }

            [ProcessTarget]
            public static async Task<List<Point>> Marked(Point p, Handle h, Point[] ps)
            {
                await Task.Yield();
                return [p];
            }

            [ProcessTarget]
            public static Task NoResult() => Task.CompletedTask;

            [ProcessTarget]
            public static void Nothing() { }
        }
        """);

    [Fact]
    public async Task RefAndSpanParameters_LeftToTheShapeRules() => await Verify("""
        using System;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget]
            public static void Run(ref object state, Span<byte> buffer) { }
        }
        """);

    [Fact]
    public async Task UnknownType_LeftToTheCompilerError() => await AnalyzerVerifier<NonSerializableTypeAnalyzer>.VerifyAsync("""
        using System.Collections.Generic;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget]
            public static void Run({|CS0246:Missing|} job, List<{|CS0246:Missing|}> jobs) { }
        }
        """, OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task MethodWithoutAttribute_Ignored() => await Verify("""
        public static class Work
        {
            public static object Run(object payload) => payload;
        }
        """);

    [Fact]
    public async Task SpawnArgumentOfUnserializableDerivedType_ReportedOnArgumentWithMessage()
    {
        Diagnostic[] d = await Verify("""
            using System.IO;
            using Multiproc;

            namespace App;

            [ProcessSerializable]
            public class Shape
            {
                public int Sides { get; set; }
            }

            public class Circle : Shape
            {
                public Stream? Log { get; set; }
            }

            public static class Work
            {
                [ProcessTarget]
                public static int Draw(Shape shape) => shape.Sides;
            }

            public static class Caller
            {
                public static void Call(Circle circle, Shape plain, short small)
                {
                    Spawn.Draw({|MP0002:circle|}).Join();
                    Spawn.Draw(shape: {|MP0002:new Circle()|}, options: new ProcessOptions { Name = "c" }).Join();
                    Spawn.Draw(plain).Join();
                    Spawn.Draw(null!).Join();
                    Spawn.Draw(new Shape(), new ProcessOptions()).Join();
                }
            }
            """);

        Assert.Equal("Argument 'shape' passed to process target 'Draw' is not serializable: Circle" + Advice, d[0].GetMessage());
    }

    [Fact]
    public async Task SpawnArgumentsWithValueConversions_NoDiagnostic() => await Verify("""
        using Multiproc;

        public sealed class Meters
        {
            public static implicit operator double(Meters m) => 1.0;
        }

        public static class Work
        {
            [ProcessTarget]
            public static double Scale(double value, long? count) => value;
        }

        public static class Caller
        {
            public static void Call(short small, int number) =>
                Spawn.Scale(new Meters(), number).Join();
        }
        """);

    [Fact]
    public async Task SharedInterface_CrossesAsItsProxy_PlainInterfaceStillReported()
    {
        Diagnostic[] d = await Verify("""
            using System.Collections.Generic;
            using Multiproc;

            [SharedInterface]
            public interface ICounter
            {
                int Increment(int by);
            }

            public interface IPlain
            {
                int Increment(int by);
            }

            public static class Work
            {
                [ProcessTarget]
                public static ICounter Use(ICounter counter, List<ICounter> more, Dictionary<string, ICounter> named) => counter;

                [ProcessTarget]
                public static void Plain({|MP0002:IPlain|} plain) { }
            }
            """);

        Assert.Equal("Parameter 'plain' of process target 'Work.Plain' is not serializable: IPlain" + Advice, Assert.Single(d).GetMessage());
    }
}
