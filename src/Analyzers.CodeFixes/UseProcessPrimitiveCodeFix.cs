using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Multiproc.Analyzers.CodeFixes;

/// <summary>
/// Fixes MP0002 where the value that cannot cross is written as a thread-only primitive (a target parameter
/// <c>SemaphoreSlim gate</c>, a result type, the item type of <c>ProcessQueue&lt;Lock&gt;</c>): replaces that
/// type with its process-safe counterpart (<c>ProcessSemaphore</c>, <c>ProcessLock</c>, <c>ProcessEvent</c>,
/// <c>ProcessBarrier</c>, <c>ProcessQueue&lt;T&gt;</c> keeping the type argument). Qualifies it with
/// <c>Multiproc.</c> unless the file already imports that namespace. Only the type is replaced: calls on the
/// value whose names differ (<c>SemaphoreSlim.Wait</c> is <c>ProcessSemaphore.Acquire</c>) are left to the user.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseProcessPrimitiveCodeFix)), Shared]
public sealed class UseProcessPrimitiveCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NonSerializableType);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(ThreadOnlyPrimitives.ReplacementKey, out string? replacement) && replacement is not null
                && TryGetSpan(diagnostic, out TextSpan span))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {replacement}, which works across processes",
                        ct => FixAsync(context.Document, span, replacement, ct),
                        equivalenceKey: nameof(UseProcessPrimitiveCodeFix)),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static bool TryGetSpan(Diagnostic diagnostic, out TextSpan span)
    {
        span = default;
        if (!diagnostic.Properties.TryGetValue(NonSerializableTypeAnalyzer.FixSpanStartKey, out string? start)
            || !diagnostic.Properties.TryGetValue(NonSerializableTypeAnalyzer.FixSpanLengthKey, out string? length)
            || !int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out int startValue)
            || !int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out int lengthValue))
        {
            return false;
        }

        span = new TextSpan(startValue, lengthValue);
        return true;
    }

    private static async Task<Document> FixAsync(Document document, TextSpan span, string replacement, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: false) is not TypeSyntax type)
        {
            return document;
        }

        bool imported = root is CompilationUnitSyntax unit
            && (unit.Usings.Any(IsMultiproc) || type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Usings.Any(IsMultiproc)));
        string text = (imported ? string.Empty : "Multiproc.") + replacement;
        if (Rightmost(type) is GenericNameSyntax generic)
        {
            text += generic.TypeArgumentList.ToString();
        }

        TypeSyntax newType = SyntaxFactory.ParseTypeName(text).WithTriviaFrom(type);
        return document.WithSyntaxRoot(root.ReplaceNode(type, newType));
    }

    private static bool IsMultiproc(UsingDirectiveSyntax directive) =>
        directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == "Multiproc";

    private static SimpleNameSyntax? Rightmost(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax alias => alias.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };
}
