using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix for a <b>compilation-end</b> diagnostic (MP0001) the way an IDE or <c>dotnet format</c>
/// does: an <see cref="AdhocWorkspace"/> project, a <see cref="CodeFixContext"/>, the action picked by
/// equivalence key, its <see cref="ApplyChangesOperation"/>; then compares the text and re-analyzes the result.
/// Kept beside the Roslyn test framework because that framework refuses, by design, any fix offered for a
/// non-local (compilation-end) diagnostic ("Code fix is attempting to provide a fix for a non-local analyzer
/// diagnostic"), while MP0001 must see the whole program before it can say an entry point lacks the guard.
/// Fixes of local diagnostics use <see cref="CodeFixVerifier{TAnalyzer, TFix}"/>.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>
    /// Asserts that the analyzer reports the single diagnostic marked in <paramref name="markup"/>
    /// (<c>{|MP0001:Main|}</c>), and that fixing it gives <paramref name="expected"/>, which compiles without
    /// errors and no longer has the diagnostic.
    /// </summary>
    public static async Task VerifyAsync<TAnalyzer, TFix>(string markup, string expected, string equivalenceKey, string? expectedTitle = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        TestFileMarkupParser.GetSpans(markup, out string source, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        (string id, TextSpan span) = Assert.Single(spans.SelectMany(p => p.Value.Select(s => (p.Key, s))));
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync<TAnalyzer>(document));
        Assert.Equal((id, span), (diagnostic.Id, diagnostic.Location.SourceSpan));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new TFix().RegisterCodeFixesAsync(context);
        CodeAction chosen = Assert.Single(actions, a => a.EquivalenceKey == equivalenceKey);
        if (expectedTitle is not null)
        {
            Assert.Equal(expectedTitle, chosen.Title);
        }

        ImmutableArray<CodeActionOperation> operations = await chosen.GetOperationsAsync(CancellationToken.None);
        Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        string actual = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));

        Assert.Empty(await AnalyzeAsync<TAnalyzer>(fixedDocument));
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.ConsoleApplication,
                    nullableContextOptions: Microsoft.CodeAnalysis.NullableContextOptions.Enable),
                parseOptions: MultiprocTest.ParseOptions,
                metadataReferences: MultiprocTest.References))
            .AddDocument(documentId, "/0/Test0.cs", source, filePath: "/0/Test0.cs");
        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetDocument(documentId)!;
    }

    /// <summary>The analyzer's diagnostics after the generators ran; asserts the source compiles.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync<TAnalyzer>(Document document)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        GeneratorDriver driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(MultiprocTest.CreateGenerators(), parseOptions: MultiprocTest.ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out compilation, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        return await MultiprocTest.AnalyzeAsync(compilation, new TAnalyzer());
    }
}
