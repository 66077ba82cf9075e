using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0070: <c>Join()</c>/<c>JoinAsync()</c> on a <c>Pool</c> local with no <c>Close()</c> or
/// <c>Terminate()</c> on that local earlier in the method's text, which throws "Pool is still running".
/// Reported on the <c>Join</c> name. Fields, parameters, and locals that escape are not judged (see
/// <see cref="LocalCallOrderAnalyzer"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PoolJoinWithoutCloseAnalyzer : LocalCallOrderAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.PoolJoinWithoutClose);

    private protected override bool IsRuleType(ITypeSymbol type, MultiprocSymbols symbols) => symbols.IsPool(type);

    private protected override Step ClassifyCall(IInvocationOperation invocation) => invocation.TargetMethod.Name switch
    {
        "Close" or "Terminate" => Step.Earlier,
        "Join" or "JoinAsync" => Step.Checked,
        _ => Step.Other,
    };

    private protected override Step ClassifySet(IPropertySymbol property) => Step.Other;

    private protected override Diagnostic? Judge(ILocalSymbol local, IOperation step, IOperation? earlier)
    {
        if (earlier is not null)
        {
            return null;
        }

        var invocation = (IInvocationOperation)step;
        Location location = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            ? access.Name.GetLocation()
            : invocation.Syntax.GetLocation();
        return Diagnostic.Create(DiagnosticDescriptors.PoolJoinWithoutClose, location, local.Name, invocation.TargetMethod.Name);
    }
}
