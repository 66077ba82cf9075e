using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Multiproc.Generators.Managers;
using Multiproc.Generators.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Generators.Tests;

/// <summary>The manager-proxy generator: what it emits compiles cleanly, what it must skip it skips, and it caches.</summary>
public sealed class SharedInterfaceGeneratorTests
{
    private const string Counter = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Multiproc;

        namespace Demo
        {
            /// <summary>A counter.</summary>
            [SharedInterface]
            public interface ICounter : IDisposable
            {
                /// <summary>Name.</summary>
                string Name { get; set; }

                /// <summary>Adds.</summary>
                int Increment(int by);

                /// <summary>Resets.</summary>
                void Reset();

                /// <summary>Adds later.</summary>
                Task<int> AddAsync(int by, CancellationToken cancellationToken);

                /// <summary>Clears later.</summary>
                ValueTask ClearAsync();

                /// <summary>A child.</summary>
                ICounter Child(string @event);
            }
        }
        """;

    [Fact]
    public void ValidInterface_GetsAProxyAndDispatcher_ThatCompileWithoutWarnings()
    {
        (GeneratorRunResult result, Compilation output) = Run(Counter);
        GeneratedSourceResult file = Assert.Single(result.GeneratedSources);
        Assert.Equal("Demo.ICounter.SharedProxy.g.cs", file.HintName);
        string text = file.SourceText.ToString();
        Assert.Contains("file sealed class SharedProxy_Demo_ICounter : global::Multiproc.SharedObjectProxy, global::Demo.ICounter", text);
        Assert.Contains("return CallShared<global::Demo.ICounter>(", text);
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", text);
        Assert.Contains("context.WriteShared<global::Demo.ICounter>(ref result, self.Child(arg0));", text);
        Assert.DoesNotContain("Dispose", text); // IDisposable is the proxy's own.
        Assert.DoesNotContain("\"Increment\"", text); // Method ids, not names.
        Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(d => d.ToString())));
    }

    [Fact]
    public void InterfaceWithAnUnproxiableMember_OrANonSerializableValue_GetsNothing()
    {
        (GeneratorRunResult withEvent, _) = Run("""
            using System;
            using Multiproc;
            [SharedInterface]
            public interface IFeed { event EventHandler Changed; }
            """);
        Assert.Empty(withEvent.GeneratedSources);

        (GeneratorRunResult withStream, _) = Run("""
            using System.IO;
            using Multiproc;
            [SharedInterface]
            public interface IFiles { Stream Open(string path); }
            """);
        Assert.Empty(withStream.GeneratedSources);
    }

    [Fact]
    public void UnrelatedEdit_KeepsTheParsedModelCached()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation([Counter]);
        GeneratorDriver driver = CreateDriver().RunGenerators(first);
        CSharpCompilation second = first.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class Unrelated { }", GeneratorHarness.ParseOptions));
        driver = driver.RunGenerators(second);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        IncrementalGeneratorRunStep step = Assert.Single(result.TrackedSteps[SharedInterfaceGenerator.SharedInterfacesStep]);
        Assert.All(step.Outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{o.Reason}"));
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SharedInterfaceGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static (GeneratorRunResult Result, Compilation Output) Run(string source)
    {
        CSharpCompilation input = GeneratorHarness.CreateCompilation([source]);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        return (driver.GetRunResult().Results.Single(), output);
    }
}
