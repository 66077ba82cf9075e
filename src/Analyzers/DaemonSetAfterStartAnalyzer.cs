using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0071: setting <c>Daemon</c> on a <c>Process</c>/<c>Process&lt;T&gt;</c> local after a <c>Start()</c> or
/// <c>StartAsync()</c> call on that local earlier in the method's text, which throws "process has already
/// started". Reported on the assignment target (<c>p.Daemon</c>). <c>Name</c> may be set at any time, so it
/// is not a rule. Fields, parameters, and locals that escape are not judged (see
/// <see cref="LocalCallOrderAnalyzer"/>); nor is a local started by the <c>Spawn.*</c> call that made it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DaemonSetAfterStartAnalyzer : LocalCallOrderAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DaemonSetAfterStart);

    private protected override bool IsRuleType(ITypeSymbol type, MultiprocSymbols symbols) => symbols.IsProcess(type);

    private protected override Step ClassifyCall(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "Start" or "StartAsync" ? Step.Earlier : Step.Other;

    private protected override Step ClassifySet(IPropertySymbol property) =>
        property.Name == "Daemon" ? Step.Checked : Step.Other;

    private protected override Diagnostic? Judge(ILocalSymbol local, IOperation step, IOperation? earlier) =>
        earlier is IInvocationOperation start
            ? Diagnostic.Create(DiagnosticDescriptors.DaemonSetAfterStart, step.Syntax.GetLocation(), local.Name, start.TargetMethod.Name)
            : null;
}
