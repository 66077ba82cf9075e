using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0012_GeneratedNameClashTests
{
    private const string Rest = ", so neither Spawn nor Targets is generated there; rename the type or move it to another namespace";

    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<GeneratedNameClashAnalyzer>.VerifyAsync(markup, OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task UserTargetsClassBesideTargets_ReportedAtTheUserTypeAndNoGeneratedClassClashes()
    {
        // Without the rule's generator side, the generated 'static partial class Targets' would fail here
        // with CS0260 inside a generated file; the framework fails the test on any compiler error.
        Diagnostic[] d = await Verify("""
            using Multiproc;
            namespace Demo
            {
                public static class Work
                {
                    [ProcessTarget] public static int Square(int x) => x * x;
                }

                public sealed class {|MP0012:Targets|}
                {
                    public int Count { get; set; }
                }
            }
            """);

        Assert.Equal("Type 'Targets' has the name of the class the generator makes for the process targets of namespace 'Demo' (their descriptors, Targets.X)" + Rest, d[0].GetMessage());
    }

    [Fact]
    public async Task UserSpawnInGlobalNamespace_NamesTheStarters()
    {
        Diagnostic[] d = await Verify("""
            public static class {|MP0012:Spawn|}
            {
                public static void Fish() { }
            }

            public static class Work
            {
                [Multiproc.ProcessTarget] public static void Run() { }
            }
            """);

        Assert.Equal("Type 'Spawn' has the name of the class the generator makes for the process targets of the global namespace (their starters, Spawn.X(…))" + Rest, d[0].GetMessage());
    }

    [Fact]
    public async Task NamesakesElsewhere_NoDiagnostic() => await Verify("""
        using Multiproc;
        namespace Demo
        {
            public static class Work
            {
                [ProcessTarget] public static int Square(int x) => x * x;

                public sealed class Targets { }
            }
        }

        namespace Other
        {
            public sealed class Spawn { }
        }

        public static class Use
        {
            public static ProcessTarget<int, int> Get() => Demo.Targets.Square;
        }
        """);
}
