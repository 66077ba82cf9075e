using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0011_DuplicateTargetNameTests
{
    private const string Ambiguous = "; 'Spawn.Run' would be ambiguous, so none of them gets a starter; rename all but one";

    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerHarness.VerifyAsync<DuplicateTargetNameAnalyzer>(markup, OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task OverloadsInOneClass_BothReportedWithParameterTypes()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            namespace Demo
            {
                public static class Work
                {
                    [ProcessTarget] public static void {|MP0011:Run|}(int id) { }
                    [ProcessTarget] public static void {|MP0011:Run|}(string name) { }
                }
            }
            """);

        Assert.Equal("Process target 'Work.Run(int)' shares the name 'Run' with 'Work.Run(string)' in namespace 'Demo'" + Ambiguous, d[0].GetMessage());
        Assert.Equal("Process target 'Work.Run(string)' shares the name 'Run' with 'Work.Run(int)' in namespace 'Demo'" + Ambiguous, d[1].GetMessage());
        Assert.Equal(d[1].Location, Assert.Single(d[0].AdditionalLocations));
        Assert.Equal(d[0].Location, Assert.Single(d[1].AdditionalLocations));
    }

    [Fact]
    public async Task TwoClassesOfOneNamespace_BothReported()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            namespace Demo.Jobs
            {
                public static class A
                {
                    [ProcessTarget] public static void {|MP0011:Run|}() { }
                }

                internal static class B
                {
                    [ProcessTarget] internal static int {|MP0011:Run|}(int x) => x;
                }
            }
            """);

        Assert.Equal("Process target 'A.Run' shares the name 'Run' with 'B.Run' in namespace 'Demo.Jobs'" + Ambiguous, d[0].GetMessage());
        Assert.Equal("Process target 'B.Run' shares the name 'Run' with 'A.Run' in namespace 'Demo.Jobs'" + Ambiguous, d[1].GetMessage());
    }

    [Fact]
    public async Task GlobalNamespaceAcrossFiles_ReportedInEachFile()
    {
        Compilation compilation = AnalyzerHarness.Compile(
            [
                "public static class A { [Multiproc.ProcessTarget] public static void Run() { } }",
                "public static class B { [Multiproc.ProcessTarget] public static void Run() { } }",
            ],
            OutputKind.DynamicallyLinkedLibrary);
        Diagnostic[] d = (await AnalyzerHarness.AnalyzeAsync(compilation, new DuplicateTargetNameAnalyzer()))
            .OrderBy(x => x.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(["Input.cs", "Input1.cs"], d.Select(x => x.Location.SourceTree!.FilePath));
        Assert.All(d, x => Assert.Equal("Run", x.Location.SourceTree!.ToString().Substring(x.Location.SourceSpan.Start, x.Location.SourceSpan.Length)));
        Assert.Equal("Process target 'A.Run' shares the name 'Run' with 'B.Run' in the global namespace" + Ambiguous, d[0].GetMessage());
        Assert.Equal("Process target 'B.Run' shares the name 'Run' with 'A.Run' in the global namespace" + Ambiguous, d[1].GetMessage());
    }

    [Fact]
    public async Task PartialTarget_CountsOnce() => await Verify("""
        using Multiproc;
        public static partial class Work
        {
            [ProcessTarget] public static partial void Run(int id);
            public static partial void Run(int id) { }
        }
        """);

    [Fact]
    public async Task SameNameInDifferentNamespaces_NoDiagnostic() => await Verify("""
        using Multiproc;
        namespace One
        {
            public static class Work { [ProcessTarget] public static void Run() { } }
        }

        namespace One.Two
        {
            public static class Work { [ProcessTarget] public static void Run() { } }
        }

        public static class Work { [ProcessTarget] public static void Run() { } }
        """);

    [Fact]
    public async Task NestedTypesShareTheNamespaceOfTheirOuterType()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            namespace Demo
            {
                public static class Outer
                {
                    public static class Inner { [ProcessTarget] public static void {|MP0011:Run|}() { } }
                }

                public static class Inner { [ProcessTarget] public static void {|MP0011:Run|}() { } }
            }
            """);

        Assert.Equal("Process target 'Outer.Inner.Run' shares the name 'Run' with 'Inner.Run' in namespace 'Demo'" + Ambiguous, d[0].GetMessage());
    }

    [Fact]
    public async Task ThreeWayClash_EachNamesTheOtherTwo()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            namespace Demo
            {
                public static class A { [ProcessTarget] public static void {|MP0011:Run|}() { } }
                public static class B { [ProcessTarget] public static void {|MP0011:Run|}() { } }
                public static class C { [ProcessTarget] public static void {|MP0011:Run|}() { } }
            }
            """);

        Assert.Equal("Process target 'A.Run' shares the name 'Run' with 'B.Run' and 'C.Run' in namespace 'Demo'" + Ambiguous, d[0].GetMessage());
        Assert.Equal("Process target 'B.Run' shares the name 'Run' with 'A.Run' and 'C.Run' in namespace 'Demo'" + Ambiguous, d[1].GetMessage());
        Assert.Equal("Process target 'C.Run' shares the name 'Run' with 'A.Run' and 'B.Run' in namespace 'Demo'" + Ambiguous, d[2].GetMessage());
        Assert.Equal(2, d[0].AdditionalLocations.Count);
    }

    [Fact]
    public async Task InvalidShapeOrNonSerializableNamesake_DoesNotCount_TheValidTargetKeepsItsStarter() => await Verify("""
        using Multiproc;
        namespace Demo
        {
            public class Work
            {
                [ProcessTarget] public void Run() { }
                [ProcessTarget] public static void Run(ref int x) { }
                [ProcessTarget] public static void Run(object payload) { }
            }

            public static class Other
            {
                [ProcessTarget] public static void Run(int id) { }
            }

            public static class Caller
            {
                // Compiles only if the generator kept Other.Run.
                public static void Start() => Spawn.Run(42).Join();
            }
        }
        """);
}
