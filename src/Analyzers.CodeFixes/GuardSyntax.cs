using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Multiproc.Analyzers.CodeFixes;

/// <summary>Builds the guard statement and the <c>using Multiproc;</c> directive.</summary>
internal static class GuardSyntax
{
    /// <summary>The form the entry point's return type (or, for top-level statements, its returns) requires.</summary>
    public static GuardForm ChooseForm(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (declaration is CompilationUnitSyntax unit)
        {
            // Top-level statements return int only if some return has a value. Adding `return exitCode;` to
            // statements without one would not compile (next to a `return;`: CS8201; with no return at all:
            // CS0161, not all code paths return a value), so then the exit code goes through Environment.ExitCode.
            bool intReturn = unit.Members.OfType<GlobalStatementSyntax>()
                .Where(static g => g.Statement is not LocalFunctionStatementSyntax)
                .SelectMany(static g => g.DescendantNodesAndSelf(static n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)))
                .Any(static n => n is ReturnStatementSyntax { Expression: not null });
            return intReturn ? GuardForm.ReturnExitCode : GuardForm.SetExitCodeAndReturn;
        }

        if (model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method || method.ReturnsVoid)
        {
            return GuardForm.SetExitCodeAndReturn;
        }

        bool task = method.ReturnType.SpecialType != SpecialType.System_Int32;
        bool generic = method.ReturnType is INamedTypeSymbol { IsGenericType: true };
        return (task, generic, method.IsAsync) switch
        {
            (false, _, _) => GuardForm.ReturnExitCode,
            (true, true, true) => GuardForm.ReturnExitCode,
            (true, true, false) => GuardForm.ReturnTaskFromResult,
            (true, false, true) => GuardForm.SetExitCodeAndReturn,
            (true, false, false) => GuardForm.SetExitCodeAndReturnCompletedTask,
        };
    }

    /// <summary>The guard statement, in the canonical layout.</summary>
    public static StatementSyntax Create(GuardForm form, GuardNames names, SyntaxTrivia endOfLine)
    {
        string condition = $"if ({names.Multiprocessing}.TryRunChild(out int {names.ExitCode}))";
        string[] lines = form switch
        {
            GuardForm.ReturnExitCode => [$"{condition} return {names.ExitCode};"],
            GuardForm.ReturnTaskFromResult => [$"{condition} return {names.Task}.FromResult({names.ExitCode});"],
            GuardForm.SetExitCodeAndReturn => [condition, "{", $"    {names.Environment}.ExitCode = {names.ExitCode};", "    return;", "}"],
            _ => [condition, "{", $"    {names.Environment}.ExitCode = {names.ExitCode};", $"    return {names.Task}.CompletedTask;", "}"],
        };
        return SyntaxFactory.ParseStatement(string.Join(endOfLine.ToFullString(), lines));
    }

    /// <summary><paramref name="trivia"/> without the blank lines and indentation it starts with.</summary>
    public static IEnumerable<SyntaxTrivia> TrimBlankLines(SyntaxTriviaList trivia) =>
        trivia.SkipWhile(static t => t.Kind() is SyntaxKind.EndOfLineTrivia or SyntaxKind.WhitespaceTrivia);

    /// <summary>
    /// Adds <c>using Multiproc;</c>: before the first non-<c>System</c> using that sorts after it, else after
    /// the last plain using; in a file without usings, at the top (taking over the file header) followed by a
    /// blank line.
    /// </summary>
    public static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, SyntaxTrivia endOfLine)
    {
        UsingDirectiveSyntax directive = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName("Multiproc"))
            .NormalizeWhitespace()
            .WithTrailingTrivia(endOfLine);
        SyntaxList<UsingDirectiveSyntax> usings = unit.Usings;
        if (usings.Count == 0)
        {
            SyntaxTriviaList header = unit.GetLeadingTrivia();
            return unit.WithoutLeadingTrivia()
                .WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(header).WithTrailingTrivia(endOfLine, endOfLine)));
        }

        int index = -1;
        int afterLastPlain = 0;
        for (int i = 0; i < usings.Count; i++)
        {
            UsingDirectiveSyntax u = usings[i];
            if (u.Alias is not null || !u.StaticKeyword.IsKind(SyntaxKind.None) || !u.GlobalKeyword.IsKind(SyntaxKind.None) || u.Name is null)
            {
                continue;
            }

            afterLastPlain = i + 1;
            string name = u.Name.ToString();
            bool system = name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
            if (index < 0 && !system && string.CompareOrdinal(name, "Multiproc") > 0)
            {
                index = i;
            }
        }

        if (index < 0)
        {
            index = afterLastPlain;
        }

        if (index == 0)
        {
            // Keep the file header above the first using.
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            usings = usings.Replace(usings[0], usings[0].WithoutLeadingTrivia());
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }
}
