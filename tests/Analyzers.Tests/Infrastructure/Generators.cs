using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>Runs the Multiproc source generators over a test compilation, as a build does.</summary>
internal static class Generators
{
    private static readonly IIncrementalGenerator[] s_all = [new Multiproc.Generators.ProcessTargetGenerator()];

    /// <summary>The compilation with the generated sources added; asserts the generators report nothing.</summary>
    public static Compilation Run(Compilation compilation)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            s_all.Select(GeneratorExtensions.AsSourceGenerator),
            parseOptions: AnalyzerHarness.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation updated, out var diagnostics);
        Assert.Empty(diagnostics);
        return updated;
    }
}
