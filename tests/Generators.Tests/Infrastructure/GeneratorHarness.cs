using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Multiproc.Generators.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="ProcessTargetGenerator"/> over test sources the way a consumer's build would: C# 12,
/// nullable enabled, documentation comments diagnosed (a consumer with <c>GenerateDocumentationFile</c>),
/// and checks that the generator reported nothing and that the result compiles without a single warning.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The parse options of every test compilation.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    /// <summary>Creates a compilation of <paramref name="sources"/> (the first is <c>Input.cs</c>, then <c>Input1.cs</c>…).</summary>
    /// <param name="sources">The sources.</param>
    /// <param name="assemblyName">The assembly name.</param>
    /// <param name="references">Extra references, such as another test compilation.</param>
    /// <returns>The compilation.</returns>
    public static CSharpCompilation CreateCompilation(string[] sources, string assemblyName = "TestAssembly", IEnumerable<MetadataReference>? references = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: i == 0 ? "Input.cs" : $"Input{i}.cs")),
            TestReferences.All.Concat(references ?? []),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Error }));

    /// <summary>Creates a driver that records the steps it takes.</summary>
    /// <returns>The driver.</returns>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new ProcessTargetGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and checks the output compiles cleanly.</summary>
    /// <param name="source">The input source.</param>
    /// <param name="references">Extra references.</param>
    /// <param name="assemblyName">The assembly name.</param>
    /// <returns>The run's result and the compilation with the generated files.</returns>
    public static GeneratorOutput Run(string source, IEnumerable<MetadataReference>? references = null, string assemblyName = "TestAssembly")
    {
        CSharpCompilation input = CreateCompilation([source], assemblyName, references);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        AssertClean(output.GetDiagnostics(), "generated");
        return new GeneratorOutput(driver.GetRunResult().Results.Single(), output);
    }

    private static void AssertClean(ImmutableArray<Diagnostic> diagnostics, string what)
    {
        Diagnostic[] problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, $"The {what} compilation has warnings or errors:\n" + string.Join("\n", problems.Select(d => d.ToString())));
    }
}

/// <summary>What one generator run produced.</summary>
/// <param name="Result">The generator's run result: sources, diagnostics, tracked steps.</param>
/// <param name="Compilation">The compilation including the generated sources.</param>
internal sealed record GeneratorOutput(GeneratorRunResult Result, Compilation Compilation);
