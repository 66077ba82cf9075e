using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>
/// What every analyzer and code-fix test shares on top of the Roslyn test framework: .NET 10 reference
/// assemblies (Basic.Reference.Assemblies, so nothing is downloaded at test time) plus the Multiproc runtime,
/// C# 12 with nullable on, and the Multiproc source generator running before the analyzers, as a build runs
/// it (user code calls <c>Spawn.*</c>). Generated files are not compared (the generator's own snapshot tests
/// do that).
/// </summary>
internal static class MultiprocTest
{
    /// <summary>The language version of test sources.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(ProcessTargetAttribute).Assembly.Location)]);

    /// <summary>The source generators a build runs.</summary>
    public static readonly Type[] SourceGenerators = [typeof(Multiproc.Generators.ProcessTargetGenerator)];

    /// <summary>The references of every test project: .NET 10 and the Multiproc runtime.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>Applies the shared settings to a test.</summary>
    public static void Configure<TVerifier>(AnalyzerTest<TVerifier> test, OutputKind kind)
        where TVerifier : IVerifier, new()
    {
        // A reference-assembly set with no package: the framework adds nothing and downloads nothing.
        test.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        test.TestState.AdditionalReferences.AddRange(References);
        test.TestState.OutputKind = kind;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            return solution
                .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable))
                .WithProjectParseOptions(projectId, ParseOptions);
        });
    }

    /// <summary>Creates an instance of each source generator, as the framework does, for tests that compile by hand.</summary>
    public static ISourceGenerator[] CreateGenerators() =>
        SourceGenerators.Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator()).ToArray();

    /// <summary>
    /// For the few tests that need the compilation itself (which targets got generated members): sources
    /// compiled with the shared references and options, after the generators ran.
    /// </summary>
    public static Compilation CompileWithGenerators(IEnumerable<string> sources, OutputKind kind)
    {
        SyntaxTree[] trees = sources
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"/0/Test{i}.cs"))
            .ToArray();
        Compilation compilation = CSharpCompilation.Create("TestProject", trees, References,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(CreateGenerators(), parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation updated, out ImmutableArray<Diagnostic> diagnostics);
        if (!diagnostics.IsEmpty)
        {
            throw new InvalidOperationException("The generator reported diagnostics: " + string.Join("; ", diagnostics));
        }

        return updated;
    }

    /// <summary>One analyzer's diagnostics on a compilation; an analyzer exception throws.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        if (exceptions.Count > 0)
        {
            throw new AggregateException("The analyzer threw", exceptions);
        }

        return diagnostics;
    }
}
