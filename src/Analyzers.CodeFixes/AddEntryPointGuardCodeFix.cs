using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace Multiproc.Analyzers.CodeFixes;

/// <summary>
/// Fixes MP0001: inserts <c>if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;</c> (in the
/// form the entry point's shape needs, see <see cref="GuardForm"/>) as the first statement, or moves a late
/// guard <c>if</c> to the top when it reads no local declared before it (otherwise a new guard is inserted
/// and the late one, which then always returns false, is left to the user). Adds <c>using Multiproc;</c>
/// unless that could make a name in the document ambiguous, in which case the guard is fully qualified.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddEntryPointGuardCodeFix)), Shared]
public sealed class AddEntryPointGuardCodeFix : CodeFixProvider
{
    private const string AddTitle = "Add the Multiprocessing.TryRunChild guard as the first statement";
    private const string MoveTitle = "Move the Multiprocessing.TryRunChild guard to the first statement";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingEntryPointGuard);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode? declaration = FindDeclaration(root, diagnostic.Location);
            if (declaration is null || EntryPointBody.TryGet(declaration) is not { } body)
            {
                continue;
            }

            TextSpan? late = FindMovableGuard(root, body, diagnostic, model, context.CancellationToken)?.Span;
            context.RegisterCodeFix(
                CodeAction.Create(
                    late is null ? AddTitle : MoveTitle,
                    ct => FixAsync(context.Document, diagnostic.Location, late, ct),
                    equivalenceKey: nameof(AddEntryPointGuardCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The <c>Main</c> declaration or the compilation unit holding the reported location.</summary>
    private static SyntaxNode? FindDeclaration(SyntaxNode root, Location location)
    {
        SyntaxNode? node = root.FindToken(location.SourceSpan.Start).Parent;
        for (; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case MethodDeclarationSyntax method:
                    return method;
                case GlobalStatementSyntax global:
                    return global.Parent as CompilationUnitSyntax;
            }
        }

        return null;
    }

    /// <summary>The late guard <c>if</c> when moving it to the top keeps the program compiling.</summary>
    private static IfStatementSyntax? FindMovableGuard(SyntaxNode root, EntryPointBody body, Diagnostic diagnostic,
        SemanticModel model, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(MissingEntryPointGuardAnalyzer.GuardStateKey, out string? state)
            || state != MissingEntryPointGuardAnalyzer.Late
            || diagnostic.AdditionalLocations.Count != 1
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not IfStatementSyntax guard
            || !body.Statements.Contains(guard))
        {
            return null;
        }

        DataFlowAnalysis? flow = model.AnalyzeDataFlow(guard);
        if (flow is null || !flow.Succeeded)
        {
            return null;
        }

        // Locals declared before the guard would not exist above it; parameters (args) do.
        return flow.ReadInside.Concat(flow.WrittenInside).Any(s => s is ILocalSymbol && !flow.VariablesDeclared.Contains(s)) ? null : guard;
    }

    private static async Task<Document> FixAsync(Document document, Location location, TextSpan? lateSpan, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        if (FindDeclaration(root, location) is not { } declaration)
        {
            return document;
        }

        var late = lateSpan is { } span ? root.FindNode(span, getInnermostNodeForTie: true) as IfStatementSyntax : null;
        SyntaxTrivia endOfLine = DetectEndOfLine(root);
        var names = new GuardNames(model, declaration, cancellationToken);

        StatementSyntax guard = late ?? GuardSyntax.Create(GuardSyntax.ChooseForm(declaration, model, cancellationToken), names, endOfLine);
        SyntaxNode newRoot = declaration switch
        {
            MethodDeclarationSyntax method => root.ReplaceNode(method, InsertIntoMethod(method, guard, late, model, cancellationToken, endOfLine)),
            CompilationUnitSyntax unit => InsertIntoTopLevel(unit, guard, late, endOfLine),
            _ => root,
        };

        if (late is null && names.NeedsUsing && newRoot is CompilationUnitSyntax newUnit)
        {
            newRoot = GuardSyntax.AddUsing(newUnit, endOfLine);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static MethodDeclarationSyntax InsertIntoMethod(MethodDeclarationSyntax method, StatementSyntax guard,
        IfStatementSyntax? late, SemanticModel model, CancellationToken cancellationToken, SyntaxTrivia endOfLine)
    {
        guard = guard.WithLeadingTrivia(GuardSyntax.TrimBlankLines(guard.GetLeadingTrivia()))
            .WithTrailingTrivia(endOfLine)
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (method.Body is { } block)
        {
            List<StatementSyntax> statements = block.Statements.Where(s => s != late).ToList();
            if (statements.Count > 0)
            {
                statements[0] = statements[0].WithLeadingTrivia(statements[0].GetLeadingTrivia().Insert(0, endOfLine));
            }

            statements.Insert(0, guard);
            return method.WithBody(block.WithStatements(SyntaxFactory.List(statements)));
        }

        if (method.ExpressionBody is { } arrow)
        {
            // `Main() => expr;` becomes a block: the guard, then `expr;` or `return expr;`.
            var symbol = model.GetDeclaredSymbol(method, cancellationToken);
            bool returnsValue = symbol is not null && !symbol.ReturnsVoid
                && !(symbol.IsAsync && symbol.ReturnType is INamedTypeSymbol { IsGenericType: false });
            StatementSyntax rest = returnsValue
                ? SyntaxFactory.ReturnStatement(arrow.Expression.WithoutTrivia())
                : SyntaxFactory.ExpressionStatement(arrow.Expression.WithoutTrivia());
            BlockSyntax body = SyntaxFactory.Block(guard, rest.WithLeadingTrivia(endOfLine).WithTrailingTrivia(endOfLine))
                .WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return method
                .WithParameterList(method.ParameterList.WithTrailingTrivia(endOfLine))
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(body);
        }

        return method;
    }

    private static CompilationUnitSyntax InsertIntoTopLevel(CompilationUnitSyntax unit, StatementSyntax guard,
        IfStatementSyntax? late, SyntaxTrivia endOfLine)
    {
        List<MemberDeclarationSyntax> members = unit.Members.Where(m => late is null || m != late.Parent).ToList();
        int index = members.FindIndex(static m => m is GlobalStatementSyntax);
        MemberDeclarationSyntax first = members[index];

        // What precedes the first statement up to its last blank line (a file header, the gap after the
        // usings) goes above the guard; the comment lines right above the statement stay with it.
        SyntaxTriviaList leading = first.GetLeadingTrivia();
        int split = 0;
        for (int i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia) && (i == 0 || leading[i - 1].IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                split = i + 1;
            }
        }

        guard = guard.WithLeadingTrivia(leading.Take(split).Concat(GuardSyntax.TrimBlankLines(guard.GetLeadingTrivia())))
            .WithTrailingTrivia(endOfLine)
            .WithAdditionalAnnotations(Formatter.Annotation);
        members[index] = first.WithLeadingTrivia(leading.Skip(split).Prepend(endOfLine));
        members.Insert(index, SyntaxFactory.GlobalStatement(guard));
        return unit.WithMembers(SyntaxFactory.List(members));
    }

    private static SyntaxTrivia DetectEndOfLine(SyntaxNode root)
    {
        foreach (SyntaxTrivia trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.LineFeed;
    }
}
