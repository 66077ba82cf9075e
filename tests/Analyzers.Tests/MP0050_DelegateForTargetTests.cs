using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0050_DelegateForTargetTests
{
    private const string Declare = "; a child process runs a named static method from the generated dispatch table: move the body into a static method marked [ProcessTarget] and pass its descriptor, 'Targets.<Method>'";

    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<DelegateForTargetAnalyzer>.VerifyAsync(markup, OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task LambdaToPoolMap_ReportedOnTheLambdaWithMessage()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Work
            {
                public static int[] Run(Pool pool, int[] items) => pool.{|CS0411:Map|}({|MP0050:x => x * x|}, items);
            }
            """);

        Assert.Equal("A lambda is passed where a process target descriptor is expected" + Declare, d[0].GetMessage());
    }

    [Fact]
    public async Task MethodGroupOfATarget_SaysToPassItsDescriptor()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Work
            {
                [ProcessTarget] public static int Square(int x) => x * x;

                public static int[] Run(Pool pool, int[] items) => pool.{|CS0411:Map|}({|MP0050:Work.Square|}, items);
            }
            """);

        Assert.Equal("Method 'Work.Square' (as a delegate) is passed where a process target descriptor is expected; pass its generated descriptor, 'Targets.Square'", d[0].GetMessage());
    }

    [Fact]
    public async Task OtherMethodGroupLocalFunctionAndAnonymousMethod_Reported()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Work
            {
                public static int Cube(int x) => x * x * x;

                public static void Run(Pool pool, int[] items)
                {
                    static int Twice(int x) => 2 * x;
                    _ = pool.{|CS0411:Map|}({|MP0050:Cube|}, items);
                    _ = pool.{|CS0411:Imap|}({|MP0050:Twice|}, items);
                    _ = pool.{|CS0411:Apply|}({|MP0050:delegate (int x) { return x; }|}, 3);
                    using var p = Process.{|CS0411:Create|}({|MP0050:(int x) => x|}, 3);
                }
            }
            """);

        Assert.Equal("Method 'Work.Cube' (as a delegate) is passed where a process target descriptor is expected; a child process runs a [ProcessTarget] method from the generated dispatch table: mark 'Work.Cube' [ProcessTarget] (static, serializable parameters) and pass 'Targets.Cube'", d[0].GetMessage());
        Assert.Equal("Local function 'Twice' is passed where a process target descriptor is expected" + Declare, d[1].GetMessage());
        Assert.Equal("An anonymous method is passed where a process target descriptor is expected" + Declare, d[2].GetMessage());
    }

    [Fact]
    public async Task DescriptorAndDelegateParameters_NoDiagnostic() => await Verify("""
        using System;
        using System.Linq;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget] public static int Square(int x) => x * x;

            public static int[] Run(Pool pool, int[] items)
            {
                Func<int, int> f = x => x + 1;
                _ = items.Select(x => x * 2).ToArray();
                _ = Array.ConvertAll(items, x => f(x));
                return pool.Map(Targets.Square, items);
            }
        }
        """);
}
