using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Multiproc.Analyzers;

/// <summary>
/// Base of the rules about the order of calls on one local variable (MP0070, MP0071): per method body, every
/// use of a local of the rule's type is an earlier step (<c>Close()</c>, <c>Start()</c>), a checked step
/// (<c>Join()</c>, setting <c>Daemon</c>) or neither; at the end of the body, each checked step is judged by
/// whether an earlier step comes before it in the text. A local the body uses any other way (passed to a
/// method, copied, returned, used with <c>?.</c> or <c>using (x)</c>, or used in a lambda or local
/// function) might be changed out of sight, so it is not judged at all. No generated code, concurrent
/// execution.
/// </summary>
public abstract class LocalCallOrderAnalyzer : DiagnosticAnalyzer
{
    /// <summary>What a use of a local is to the rule.</summary>
    private protected enum Step
    {
        /// <summary>Neither: a getter, another method, an assignment of the local itself.</summary>
        Other,

        /// <summary>A step that makes the checked step right (MP0070) or wrong (MP0071) when it comes first.</summary>
        Earlier,

        /// <summary>The step the rule judges.</summary>
        Checked,
    }

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (MultiprocSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var body = new Body(this, symbols);
                block.RegisterOperationAction(body.OnLocalReference, OperationKind.LocalReference);
                block.RegisterOperationBlockEndAction(body.OnEnd);
            });
        });
    }

    /// <summary>Whether the rule is about locals of <paramref name="type"/>.</summary>
    private protected abstract bool IsRuleType(ITypeSymbol type, MultiprocSymbols symbols);

    /// <summary>A call <c>local.M(…)</c> on a local of the rule's type.</summary>
    private protected abstract Step ClassifyCall(IInvocationOperation invocation);

    /// <summary>An assignment <c>local.P = …</c> on a local of the rule's type.</summary>
    private protected abstract Step ClassifySet(IPropertySymbol property);

    /// <summary>
    /// The diagnostic for checked step <paramref name="step"/> on <paramref name="local"/>, given the first
    /// earlier step before it (null when there is none), or null when it is fine.
    /// </summary>
    private protected abstract Diagnostic? Judge(ILocalSymbol local, IOperation step, IOperation? earlier);

    /// <summary>The uses of the locals of one operation block; its actions may run concurrently.</summary>
    private sealed class Body(LocalCallOrderAnalyzer rule, MultiprocSymbols symbols)
    {
        private readonly object _gate = new();
        private readonly Dictionary<ILocalSymbol, List<(Step Step, IOperation Operation)>?> _uses = new(SymbolEqualityComparer.Default);

        public void OnLocalReference(OperationAnalysisContext context)
        {
            var reference = (ILocalReferenceOperation)context.Operation;
            if (!rule.IsRuleType(reference.Local.Type, symbols))
            {
                return;
            }

            (Step step, IOperation operation)? use = Classify(reference);
            lock (_gate)
            {
                if (!_uses.TryGetValue(reference.Local, out List<(Step, IOperation)>? steps))
                {
                    steps = [];
                    _uses.Add(reference.Local, steps);
                }

                if (use is null)
                {
                    _uses[reference.Local] = null;   // escapes: never judged
                }
                else if (steps is not null && use.Value.step != Step.Other)
                {
                    steps.Add(use.Value);
                }
            }
        }

        public void OnEnd(OperationBlockAnalysisContext context)
        {
            lock (_gate)
            {
                foreach (KeyValuePair<ILocalSymbol, List<(Step Step, IOperation Operation)>?> pair in _uses)
                {
                    if (pair.Value is not { } steps)
                    {
                        continue;
                    }

                    steps.Sort(static (a, b) => a.Operation.Syntax.SpanStart.CompareTo(b.Operation.Syntax.SpanStart));
                    IOperation? earlier = null;
                    foreach ((Step step, IOperation operation) in steps)
                    {
                        if (step == Step.Earlier)
                        {
                            earlier ??= operation;
                        }
                        else if (rule.Judge(pair.Key, operation, earlier) is { } diagnostic)
                        {
                            context.ReportDiagnostic(diagnostic);
                        }
                    }
                }
            }
        }

        /// <summary>The use <paramref name="reference"/> makes of its local; null when the local escapes.</summary>
        private (Step, IOperation)? Classify(ILocalReferenceOperation reference)
        {
            for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }
            }

            return reference.Parent switch
            {
                IInvocationOperation invocation when invocation.Instance == reference => (rule.ClassifyCall(invocation), invocation),
                IPropertyReferenceOperation property when property.Instance == reference => property.Parent is ISimpleAssignmentOperation assignment
                    && assignment.Target == property
                        ? (rule.ClassifySet(property.Property), property)
                        : (Step.Other, property),
                ISimpleAssignmentOperation assignment when assignment.Target == reference => (Step.Other, assignment),
                _ => null,
            };
        }
    }
}
