using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compiles markup source (running the source generators first, as a build does), runs one analyzer and
/// asserts the exact set of (id, span) pairs the markup expects.
/// </summary>
internal static class AnalyzerHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static CSharpCompilationOptions CompilationOptions(OutputKind kind) =>
        new(kind, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>
    /// The compilation of <paramref name="sources"/> after the generators ran; asserts it has no errors other
    /// than the <paramref name="allowedErrors"/> ids.
    /// </summary>
    public static Compilation Compile(IEnumerable<string> sources, OutputKind kind = OutputKind.ConsoleApplication, params string[] allowedErrors)
    {
        SyntaxTree[] trees = sources
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: i == 0 ? "Input.cs" : $"Input{i}.cs"))
            .ToArray();
        Compilation compilation = CSharpCompilation.Create("Input", trees, TestReferences.All, CompilationOptions(kind));
        compilation = Generators.Run(compilation);
        Diagnostic[] errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !allowedErrors.Contains(d.Id))
            .ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        return compilation;
    }

    /// <summary>The analyzer's diagnostics; an analyzer exception fails the test.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            (exception, _, _) => { lock (exceptions) { exceptions.Add(exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([analyzer], options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.True(exceptions.Count == 0, "The analyzer threw:\n" + string.Join("\n", exceptions));
        return diagnostics;
    }

    /// <summary>
    /// Asserts that <typeparamref name="TAnalyzer"/> reports exactly the diagnostics marked in
    /// <paramref name="markup"/> (the first source); returns them ordered by position for message checks.
    /// </summary>
    public static Task<Diagnostic[]> VerifyAsync<TAnalyzer>(string markup, OutputKind kind = OutputKind.ConsoleApplication, params string[] otherSources)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        VerifyAsync<TAnalyzer>(markup, kind, otherSources, allowedErrors: []);

    /// <summary>As above, for sources that have compile errors of the <paramref name="allowedErrors"/> ids.</summary>
    public static async Task<Diagnostic[]> VerifyAsync<TAnalyzer>(string markup, OutputKind kind, string[] otherSources, string[] allowedErrors)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        (string source, IReadOnlyList<ExpectedDiagnostic> expected) = Markup.Parse(markup);
        Compilation compilation = Compile([source, .. otherSources], kind, allowedErrors);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(compilation, new TAnalyzer());

        string[] expectedSet = expected.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToArray();
        string[] actualSet = diagnostics
            .Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan).ToString()
                + (d.Location.SourceTree?.FilePath is "Input.cs" ? "" : " in " + d.Location.SourceTree?.FilePath))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(expectedSet.SequenceEqual(actualSet),
            $"Expected: [{string.Join(", ", expectedSet)}]\nActual:   [{string.Join(", ", actualSet)}]\n"
            + string.Join("\n", diagnostics.Select(d => $"  {d.Id} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}': {d.GetMessage()}")));
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
    }
}
