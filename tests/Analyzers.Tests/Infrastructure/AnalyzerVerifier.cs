using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs one analyzer through the Roslyn test framework (<see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/>):
/// the markup (<c>{|MP0002:object|}</c>) gives the exact expected (id, span) set, and any compiler error
/// not marked fails the test. Returns the analyzer's diagnostics in file and source order, for message checks.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies <paramref name="markup"/> (the first source) and <paramref name="otherSources"/> (which may carry markup too).</summary>
    /// <remarks>Compiler diagnostics a test expects are marked like the analyzer's: <c>{|CS0246:Missing|}</c>.</remarks>
    public static async Task<Diagnostic[]> VerifyAsync(string markup, OutputKind kind = OutputKind.ConsoleApplication, params string[] otherSources)
    {
        var test = new Test { TestCode = markup };
        MultiprocTest.Configure(test, kind);
        foreach (string source in otherSources)
        {
            test.TestState.Sources.Add(source);
        }

        await test.RunAsync();

        // The framework checked ids and spans; the messages are checked by the caller on the same diagnostics.
        string[] sources = [markup, .. otherSources];
        Compilation compilation = MultiprocTest.CompileWithGenerators(sources.Select(Clean), kind);
        return (await MultiprocTest.AnalyzeAsync(compilation, new TAnalyzer()))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToArray();
    }

    private static string Clean(string markup)
    {
        TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableDictionary<string, ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>> _);
        return source;
    }

    private sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        protected override IEnumerable<Type> GetSourceGenerators() => MultiprocTest.SourceGenerators;
    }
}
