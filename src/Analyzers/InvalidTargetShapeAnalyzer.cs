using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0010: a <c>[ProcessTarget]</c> the generator skips for its shape. The generator takes only the
/// attribute on a method declaration (<c>MethodDeclarationSyntax</c>) whose symbol passes
/// <see cref="ProcessTargetRules.CheckShape"/>; this analyzer reports every other use of the attribute:
/// <list type="bullet">
/// <item>members (methods, accessors, operators, explicit interface implementations) for which
/// <see cref="ProcessTargetRules.CheckShape"/> finds a problem — the same call the generator makes;</item>
/// <item>local functions and lambdas, which the attribute's <c>AttributeTargets.Method</c> allows but the
/// generator never looks at (they are <see cref="TargetShapeProblem.UnsupportedKind"/> to the rules too).</item>
/// </list>
/// Reported on the member's identifier (an accessor's keyword, an operator's token); a by-reference,
/// pointer or ref struct parameter on that parameter's declaration; a by-reference, pointer or ref struct
/// return on the return type; a lambda on its <c>[ProcessTarget]</c> attribute.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InvalidTargetShapeAnalyzer : ProcessTargetAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidTargetShape);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MultiprocSymbols symbols)
    {
        context.RegisterSymbolAction(symbolContext => AnalyzeMember(symbolContext, symbols), SymbolKind.Method);
        context.RegisterOperationAction(operationContext => AnalyzeNested(operationContext, symbols), OperationKind.LocalFunction, OperationKind.AnonymousFunction);
    }

    private static void AnalyzeMember(SymbolAnalysisContext context, MultiprocSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!IsTarget(method, symbols))
        {
            return;
        }

        TargetShapeProblem problem = ProcessTargetRules.CheckShape(method, context.Compilation);
        if (problem != TargetShapeProblem.None)
        {
            context.ReportDiagnostic(Create(method, problem, Locate(method, problem, context.CancellationToken)));
        }
    }

    private static void AnalyzeNested(OperationAnalysisContext context, MultiprocSymbols symbols)
    {
        IMethodSymbol method = context.Operation switch
        {
            ILocalFunctionOperation local => local.Symbol,
            _ => ((IAnonymousFunctionOperation)context.Operation).Symbol,
        };
        if (!symbols.IsProcessTarget(method))
        {
            return;
        }

        Location location = method.MethodKind == MethodKind.AnonymousFunction
            ? FindAttribute(method, symbols, context.CancellationToken) ?? context.Operation.Syntax.GetLocation()
            : method.Locations[0];
        context.ReportDiagnostic(Create(method, TargetShapeProblem.UnsupportedKind, location));
    }

    private static Diagnostic Create(IMethodSymbol method, TargetShapeProblem problem, Location location) =>
        Diagnostic.Create(DiagnosticDescriptors.InvalidTargetShape, location,
            TargetDisplay.Name(method), TargetShapeExplanation.For(method, problem));

    private static Location Locate(IMethodSymbol method, TargetShapeProblem problem, CancellationToken cancellationToken)
    {
        if (problem == TargetShapeProblem.RefLikeParameter
            && TargetShapeExplanation.FindRefLikeParameter(method) is { DeclaringSyntaxReferences: { IsEmpty: false } parameter })
        {
            return parameter[0].GetSyntax(cancellationToken).GetLocation();
        }

        if (problem == TargetShapeProblem.RefLikeReturn
            && !method.DeclaringSyntaxReferences.IsEmpty
            && method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax syntax)
        {
            return syntax.ReturnType.GetLocation();
        }

        return method.Locations[0];
    }

    private static Location? FindAttribute(IMethodSymbol method, MultiprocSymbols symbols, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.ProcessTargetAttribute)
                && attribute.ApplicationSyntaxReference is { } reference)
            {
                return reference.GetSyntax(cancellationToken).GetLocation();
            }
        }

        return null;
    }
}
