using Multiproc.Generators.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Generators.Tests;

/// <summary>Snapshot tests of the generated files; every output also compiles without warnings (see <see cref="GeneratorHarness"/>).</summary>
public sealed class GeneratorOutputTests
{
    [Fact]
    public void TopLevelWork_SquareInGlobalNamespace()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Multiproc;

            static class Work
            {
                [ProcessTarget]
                public static int Square(int x) => x * x;
            }
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void Namespace_PublicInternalVoidAsyncAndTupleArguments()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using Multiproc;

            namespace Demo.Jobs
            {
                /// <summary>Targets.</summary>
                public static class Work
                {
                    /// <summary>No arguments, no result.</summary>
                    [ProcessTarget]
                    public static void Ping() { }

                    /// <summary>Several arguments, one named like the options parameter.</summary>
                    /// <param name="name">A name.</param>
                    /// <param name="count">A count.</param>
                    /// <param name="options">Clashes with Spawn's own parameter.</param>
                    /// <returns>Text.</returns>
                    [ProcessTarget]
                    public static string? Repeat(string? name, int count, bool options) => name;

                    /// <summary>Awaited in the child.</summary>
                    /// <param name="delay">Milliseconds.</param>
                    /// <returns>The delay.</returns>
                    [ProcessTarget]
                    public static async Task<long> WaitAsync(long delay)
                    {
                        await Task.Yield();
                        return delay;
                    }

                    [ProcessTarget]
                    internal static Task Fire(System.Guid id, System.TimeSpan after) => Task.CompletedTask;
                }
            }
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void SerializableTypes_EveryKind()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using System;
            using System.Collections.Generic;
            using Multiproc;
            using Multiproc.Serialization;

            namespace Demo
            {
                enum Color : byte { Red = 1, Green = 2 }

                [ProcessSerializable]
                record Job(int Id, string Name, Color Color, Job.Detail? Info)
                {
                    [ProcessSerializable]
                    internal sealed class Detail
                    {
                        public decimal Price { get; init; }
                        public DateTime When;
                        public DateTimeOffset Stamp { get; set; }
                        public int Computed => 42;
                    }
                }

                [ProcessSerializable]
                struct Point
                {
                    public Point(double x, double y) { X = x; Y = y; }
                    public double X { get; }
                    public double Y { get; }
                }

                [ProcessSerializable]
                sealed class Box<T>
                {
                    public T? Value { get; set; }
                }

                [ProcessSerializable]
                sealed class Node
                {
                    public int Value { get; set; }
                    public Node? Next { get; set; }
                    public List<Node> Children { get; set; } = new();
                }

                sealed class Handle : IWireSerializable<Handle>
                {
                    public static void Write(ref WireWriter writer, Handle value) => writer.WriteInt32(1);
                    public static Handle Read(ref WireReader reader) { reader.ReadInt32(); return new Handle(); }
                }

                static class Work
                {
                    [ProcessTarget]
                    public static Dictionary<string, List<Job>> Group(Job[] jobs, int[] ids, Point?[] points, HashSet<Color> colors) => new();

                    [ProcessTarget]
                    public static (int Count, string? Text) Pair(Tuple<int, string> old, ValueTuple<bool> single, Box<Point> box, Node tree, Handle handle) => default;

                    [ProcessTarget]
                    public static int[][] Jagged(List<int?> values, Dictionary<Guid, DateTime> stamps, byte[] raw, ValueTuple unit) => [];
                }
            }
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void InvalidTargets_GetOnlyErrorObsoleteStandIns()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using System;
            using Multiproc;

            namespace Demo
            {
                class Work
                {
                    [ProcessTarget] public void Instance() { }
                    [ProcessTarget] public static void Generic<T>(T value) { }
                    [ProcessTarget] public static void ByRef(ref int value) { }
                    [ProcessTarget] public static void Spanned(ReadOnlySpan<byte> data) { }
                    [ProcessTarget] public static void Untyped(object value) { }
                    [ProcessTarget] public static void Twice(int value) { }
                    [ProcessTarget] public static void Twice(string value) { }
                    [ProcessTarget] public static void Clash() { }
                    [ProcessTarget] public static int Valid(int value) => value;
                }

                class Other
                {
                    [ProcessTarget] public static void Clash() { }
                }
            }
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void SerializableTypeWithoutTargets_EmitsTableOfSerializers()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Multiproc;

            [ProcessSerializable]
            sealed record Message(string Text, int Priority);
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void NoTargets_NoOutput()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            static class Work
            {
                public static int Square(int x) => x * x;
            }
            """);

        Assert.Empty(output.Result.GeneratedSources);
    }

    [Fact]
    public void HostWithoutTargets_LinksReferencedTables()
    {
        GeneratorOutput library = GeneratorHarness.Run("""
            using Multiproc;

            namespace Lib
            {
                /// <summary>Targets.</summary>
                public static class Work
                {
                    /// <summary>Squares.</summary>
                    /// <param name="x">The value.</param>
                    /// <returns>The square.</returns>
                    [ProcessTarget]
                    public static int Square(int x) => x * x;
                }
            }
            """, assemblyName: "Lib.Targets");

        GeneratorOutput host = GeneratorHarness.Run("""
            static class Program
            {
                static int Main() => Lib.Spawn.Square(3).GetResult();
            }
            """, [library.Compilation.ToMetadataReference()], assemblyName: "Host");

        Snapshot.Verify(host);
    }

    [Fact]
    public void HostWithTargets_RegistersOwnAndReferencedTables()
    {
        GeneratorOutput library = GeneratorHarness.Run("""
            using Multiproc;

            namespace Lib
            {
                /// <summary>Targets.</summary>
                public static class Work
                {
                    /// <summary>Does nothing.</summary>
                    [ProcessTarget]
                    public static void Nop() { }
                }
            }
            """, assemblyName: "Lib");

        GeneratorOutput host = GeneratorHarness.Run("""
            using Multiproc;

            static class Work
            {
                [ProcessTarget]
                public static void Local() { }
            }
            """, [library.Compilation.ToMetadataReference()], assemblyName: "Host");

        Snapshot.Verify(host);
    }

    [Fact]
    public void DefaultValuesRequiredMembersAndNestedTypes_Compile()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using System;
            using Multiproc;

            namespace Demo.@event
            {
                enum Mode { A, B = 5 }

                [ProcessSerializable]
                sealed class Settings
                {
                    public Settings(int level) { Level = level; }
                    public required int Level { get; init; }
                    public required string Name { get; set; }
                    [Obsolete("old")] public int Legacy { get; set; }
                }

                [Obsolete]
                [ProcessSerializable]
                sealed class Old { }

                static class Legacy
                {
                    [ProcessTarget]
                    public static void Keyword(int @class) { }

                    [Obsolete("use Run")]
                    [ProcessTarget]
                    public static void Migrate(Old old) { }
                }

                static class Outer
                {
                    [ProcessSerializable]
                    internal sealed record Inner(int X);

                    internal static class Work
                    {
                        [ProcessTarget]
                        public static void Run(Settings settings, Inner inner, string text = "a\"b", int count = -1, long big = long.MinValue,
                            float ratio = float.NaN, double scale = 0.1, decimal money = 1.5m, Mode mode = Mode.B, Mode? maybe = null, char c = '\n', bool flag = true, string? none = null) { }
                    }
                }
            }
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void BoundaryApis_SerializersForTypesUsedOnlyAtSendRecvAndQueues()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Multiproc;

            namespace Demo
            {
                enum Mode { Fast, Slow }

                static class Use
                {
                    public static async Task Run(Connection connection)
                    {
                        connection.Send(new List<Mode> { Mode.Fast });
                        _ = connection.Recv<Dictionary<string, int[]>>();
                        await connection.SendAsync((1, "one"));
                        _ = await connection.RecvAsync<HashSet<long>>();
                        using var queue = new ProcessQueue<List<string>>();
                        using var joinable = Multiprocessing.JoinableQueue<Mode?>();
                        connection.Send(42);
                        connection.Send<object>(new object());
                    }
                }

                sealed class Open<T>
                {
                    public T Receive(Connection connection) => connection.Recv<T>();
                }
            }
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void PrivateTargets_CalledThroughUnsafeAccessor()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using Multiproc;

            namespace Demo
            {
                class Program
                {
                    [ProcessTarget] static int Square(int x) => x * x;
                    [ProcessTarget] protected static Task<string> EchoAsync(string text) => Task.FromResult(text);

                    private static class Inner
                    {
                        [ProcessTarget] public static void InPrivateType() { }
                    }
                }
            }
            """);

        Snapshot.Verify(output);
    }

    [Fact]
    public void SharedInterfaceArgument_TravelsAsItsProxyReference()
    {
        GeneratorOutput output = GeneratorHarness.Run("""
            using Multiproc;

            namespace Demo
            {
                /// <summary>A shared counter.</summary>
                [SharedInterface]
                public interface ICounter
                {
                    /// <summary>Adds.</summary>
                    /// <param name="by">How much.</param>
                    /// <returns>The new value.</returns>
                    int Increment(int by);
                }

                /// <summary>Targets.</summary>
                public static class Work
                {
                    /// <summary>Takes a proxy, alone and inside a list.</summary>
                    /// <param name="counter">A manager's proxy.</param>
                    /// <param name="more">More of them.</param>
                    /// <returns>The proxy back.</returns>
                    [ProcessTarget]
                    public static ICounter Use(ICounter counter, System.Collections.Generic.List<ICounter> more) => counter;
                }
            }
            """);

        Snapshot.Verify(output);
    }
}
