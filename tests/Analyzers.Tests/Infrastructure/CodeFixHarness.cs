using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix the way an IDE does (aspnetcore's CodeFixRunner pattern): an <see cref="AdhocWorkspace"/>
/// project, a <see cref="CodeFixContext"/>, the action picked by equivalence key, its
/// <see cref="ApplyChangesOperation"/>; then compares the text and re-analyzes the result.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>
    /// Asserts that fixing the single <paramref name="id"/> diagnostic in <paramref name="source"/> gives
    /// <paramref name="expected"/>, which compiles without errors and no longer has the diagnostic.
    /// </summary>
    public static async Task VerifyAsync<TAnalyzer, TFix>(string id, string source, string expected, string equivalenceKey, string? expectedTitle = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync<TAnalyzer>(document), d => d.Id == id);

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
        AssertSameText(expected, actual);

        Compilation compilation = Generators.Run((await fixedDocument.Project.GetCompilationAsync())!);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The fixed source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        ImmutableArray<Diagnostic> after = await AnalyzerHarness.AnalyzeAsync(compilation, new TAnalyzer());
        Assert.DoesNotContain(after, d => d.Id == id);
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Input", "Input", LanguageNames.CSharp,
                compilationOptions: AnalyzerHarness.CompilationOptions(OutputKind.ConsoleApplication),
                parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: TestReferences.All))
            .AddDocument(documentId, "Input.cs", source, filePath: "Input.cs");
        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetDocument(documentId)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync<TAnalyzer>(Document document)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        Compilation compilation = Generators.Run((await document.Project.GetCompilationAsync())!);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        return await AnalyzerHarness.AnalyzeAsync(compilation, new TAnalyzer());
    }

    private static void AssertSameText(string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }

        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        int line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        Assert.Fail($"Fixed text differs at line {line + 1}:\n  expected: {(line < e.Length ? e[line] : "<end>")}\n  actual:   {(line < a.Length ? a[line] : "<end>")}\n--- actual ---\n{actual}");
    }
}
