using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix through the Roslyn test framework (<see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>):
/// the marked diagnostic is reported, the action with <c>equivalenceKey</c> (and, when given, that title)
/// turns the source into the expected text, and the fixed source compiles without errors and no longer has
/// the diagnostic. Fix-all is checked too.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFix : CodeFixProvider, new()
{
    /// <summary>Verifies that fixing <paramref name="markup"/> gives <paramref name="expected"/>.</summary>
    public static Task VerifyAsync(string markup, string expected, string equivalenceKey, string? expectedTitle = null, OutputKind kind = OutputKind.ConsoleApplication)
    {
        var test = new Test
        {
            TestCode = markup,
            FixedCode = expected,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (expectedTitle is not null)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(expectedTitle, action.Title);
        }

        MultiprocTest.Configure(test, kind);
        return test.RunAsync();
    }

    private sealed class Test : CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
    {
        protected override IEnumerable<Type> GetSourceGenerators() => MultiprocTest.SourceGenerators;
    }
}
