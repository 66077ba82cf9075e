using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0012: a user type named <c>Spawn</c> or <c>Targets</c> directly in a namespace that has process targets.
/// The generator puts the namespace's starters and descriptors into static partial classes of those names;
/// beside the user's type they would not compile (CS0101, CS0260) inside generated files, so the generator
/// emits neither class for that namespace (its <c>TakenNamespaces</c> step), and this rule says so at the
/// user's declaration. Needs every target of the compilation, so it reports from a compilation-end action.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratedNameClashAnalyzer : ProcessTargetAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.GeneratedNameClash);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MultiprocSymbols symbols)
    {
        var targetNamespaces = new ConcurrentDictionary<string, bool>(System.StringComparer.Ordinal);
        var userTypes = new ConcurrentQueue<INamedTypeSymbol>();
        context.RegisterSymbolAction(c =>
        {
            if (c.Symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && IsTarget(method, symbols))
            {
                targetNamespaces.TryAdd(ProcessTargetRules.GetNamespace(method), true);
            }
            else if (c.Symbol is INamedTypeSymbol { ContainingType: null, Name: ProcessTargetRules.SpawnClassName or ProcessTargetRules.TargetsClassName } type)
            {
                userTypes.Enqueue(type);
            }
        }, SymbolKind.Method, SymbolKind.NamedType);
        context.RegisterCompilationEndAction(c =>
        {
            foreach (INamedTypeSymbol type in userTypes.OrderBy(static t => t.Name, System.StringComparer.Ordinal))
            {
                string ns = ProcessTargetRules.GetNamespace(type);
                if (!targetNamespaces.ContainsKey(ns))
                {
                    continue;
                }

                Location[] locations = type.Locations.Where(static l => l.IsInSource).ToArray();
                if (locations.Length == 0)
                {
                    continue;
                }

                c.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratedNameClash, locations[0], locations.Skip(1),
                    type.Name,
                    ns.Length == 0 ? "the global namespace" : $"namespace '{ns}'",
                    type.Name == ProcessTargetRules.SpawnClassName ? "starters, Spawn.X(…)" : "descriptors, Targets.X"));
            }
        });
    }
}
