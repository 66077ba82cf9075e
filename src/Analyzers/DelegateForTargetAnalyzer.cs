using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0050: a lambda, anonymous method, local function or method group passed where a process target
/// descriptor (<c>ProcessTarget&lt;TArgs, TResult&gt;</c>) is expected — <c>pool.Map(x =&gt; x * x, items)</c>,
/// <c>Process.Create(Work.Square, 3)</c>. The compiler only says it cannot infer the type arguments (CS0411)
/// or convert the argument (CS1503); a child process runs a named static method from the generated dispatch
/// table, so the fix is a <c>[ProcessTarget]</c> method and its <c>Targets.X</c> descriptor. Checked on the
/// syntax, against every candidate the call could bind to (the call itself does not bind), and reported on
/// the argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DelegateForTargetAnalyzer : DiagnosticAnalyzer
{
    private const string ProcessTargetMetadataName = "Multiproc.ProcessTarget`2";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DelegateForTarget);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(ProcessTargetMetadataName) is { } descriptor)
            {
                INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName("Multiproc.ProcessTargetAttribute");
                start.RegisterSyntaxNodeAction(c => Analyze(c, descriptor, attribute), SyntaxKind.InvocationExpression, SyntaxKind.ObjectCreationExpression);
            }
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol descriptor, INamedTypeSymbol? attribute)
    {
        ArgumentListSyntax? arguments = context.Node switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            ObjectCreationExpressionSyntax creation => creation.ArgumentList,
            _ => null,
        };
        if (arguments is null || arguments.Arguments.Count == 0)
        {
            return;
        }

        SymbolInfo info = context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken);
        IMethodSymbol[] candidates = (info.Symbol is IMethodSymbol bound ? [bound] : info.CandidateSymbols.OfType<IMethodSymbol>()).ToArray();
        if (candidates.Length == 0)
        {
            return;
        }

        for (int i = 0; i < arguments.Arguments.Count; i++)
        {
            ArgumentSyntax argument = arguments.Arguments[i];
            if (!candidates.Any(c => ParameterFor(c, argument, i) is { } p && SymbolEqualityComparer.Default.Equals(p.Type.OriginalDefinition, descriptor))
                || Describe(argument.Expression, context.SemanticModel, attribute, context.CancellationToken) is not { } problem)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DelegateForTarget, argument.Expression.GetLocation(), problem.What, problem.Fix));
        }
    }

    private static IParameterSymbol? ParameterFor(IMethodSymbol method, ArgumentSyntax argument, int position)
    {
        if (argument.NameColon is { } name)
        {
            return method.Parameters.FirstOrDefault(p => p.Name == name.Name.Identifier.ValueText);
        }

        return position < method.Parameters.Length ? method.Parameters[position] : null;
    }

    /// <summary>What the argument is and the fix; null when it is not a lambda, anonymous method or method group.</summary>
    private static (string What, string Fix)? Describe(ExpressionSyntax expression, SemanticModel model, INamedTypeSymbol? attribute, System.Threading.CancellationToken cancellationToken)
    {
        const string Declare = "a child process runs a named static method from the generated dispatch table: move the body into a static method marked [ProcessTarget] and pass its descriptor, 'Targets.<Method>'";
        if (expression is AnonymousFunctionExpressionSyntax)
        {
            return (expression is AnonymousMethodExpressionSyntax ? "An anonymous method" : "A lambda", Declare);
        }

        if (expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax))
        {
            return null;
        }

        SymbolInfo info = model.GetSymbolInfo(expression, cancellationToken);
        IMethodSymbol? method = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
        if (method is null)
        {
            return null;
        }

        string name = TargetDisplay.Name(method);
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return ($"Local function '{method.Name}'", Declare);
        }

        if (MultiprocSymbols.HasAttribute(method, attribute))
        {
            return ($"Method '{name}' (as a delegate)", $"pass its generated descriptor, 'Targets.{method.Name}'");
        }

        return ($"Method '{name}' (as a delegate)",
            $"a child process runs a [ProcessTarget] method from the generated dispatch table: mark '{name}' [ProcessTarget] (static, serializable parameters) and pass 'Targets.{method.Name}'");
    }
}
