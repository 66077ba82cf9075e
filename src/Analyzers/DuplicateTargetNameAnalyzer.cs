using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0011: two or more process targets of one namespace share a method name (overloads included), so the
/// generator's <c>RemoveDuplicateNames</c> drops all of them. Mirrors it exactly: the targets counted are
/// those the generator keeps before that step — the shape passes <see cref="ProcessTargetRules.CheckShape"/>
/// and every parameter and the result pass <see cref="ProcessTargetRules.FindNonSerializable"/> (a target
/// failing either is MP0010's or MP0002's and never reaches the name check); the key is
/// <see cref="ProcessTargetRules.GetNamespace"/> and the method name. Needs the whole compilation, so it
/// collects targets in a symbol action and reports from a compilation-end action, on each clashing target's
/// identifier, with the others as additional locations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateTargetNameAnalyzer : ProcessTargetAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateTargetName);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MultiprocSymbols symbols)
    {
        var targets = new ConcurrentQueue<IMethodSymbol>();
        context.RegisterSymbolAction(symbolContext => Collect(symbolContext, symbols, targets), SymbolKind.Method);
        context.RegisterCompilationEndAction(endContext => ReportClashes(endContext, targets));
    }

    private static void Collect(SymbolAnalysisContext context, MultiprocSymbols symbols, ConcurrentQueue<IMethodSymbol> targets)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (IsTarget(method, symbols) && GetsModel(method, context.Compilation, context.CancellationToken))
        {
            targets.Enqueue(method);
        }
    }

    /// <summary>
    /// Whether the generator's parser (<c>ProcessTargetGenerator.Parser.ParseTarget</c>) makes a model of
    /// <paramref name="method"/>: the same checks, in the same order.
    /// </summary>
    private static bool GetsModel(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        if (ProcessTargetRules.CheckShape(method, compilation) != TargetShapeProblem.None)
        {
            return false;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ProcessTargetRules.FindNonSerializable(parameter.Type, compilation) is not null)
            {
                return false;
            }
        }

        return ProcessTargetRules.GetResultType(method) is not { } result
            || ProcessTargetRules.FindNonSerializable(result, compilation) is null;
    }

    private static void ReportClashes(CompilationAnalysisContext context, ConcurrentQueue<IMethodSymbol> targets)
    {
        IEnumerable<IGrouping<(string Namespace, string Name), IMethodSymbol>> clashes = targets
            .GroupBy(static m => (ProcessTargetRules.GetNamespace(m), m.Name))
            .Where(static g => g.Count() > 1);
        foreach (IGrouping<(string Namespace, string Name), IMethodSymbol> clash in clashes)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            IMethodSymbol[] group = clash
                .OrderBy(static m => m.Locations[0].SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(static m => m.Locations[0].SourceSpan.Start)
                .ToArray();
            string[] names = DisplayNames(group);
            string scope = clash.Key.Namespace.Length == 0 ? "the global namespace" : $"namespace '{clash.Key.Namespace}'";
            for (int i = 0; i < group.Length; i++)
            {
                string[] others = names.Where((_, j) => j != i).Select(static n => $"'{n}'").ToArray();
                string othersText = others.Length == 1
                    ? others[0]
                    : string.Join(", ", others, 0, others.Length - 1) + " and " + others[others.Length - 1];
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateTargetName,
                    group[i].Locations[0],
                    group.Where((_, j) => j != i).Select(static m => m.Locations[0]),
                    names[i], group[i].Name, othersText, scope));
            }
        }
    }

    /// <summary>Each target's name in messages; with its parameter types when another of the group has the same name (overloads).</summary>
    private static string[] DisplayNames(IMethodSymbol[] group)
    {
        string[] names = group.Select(TargetDisplay.Name).ToArray();
        return names
            .Select((name, i) => names.Count(n => n == name) > 1 ? TargetDisplay.Signature(group[i]) : name)
            .ToArray();
    }
}
