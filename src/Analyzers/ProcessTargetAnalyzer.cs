using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Multiproc.Analyzers;

/// <summary>
/// Base of the analyzers of <c>[ProcessTarget]</c> rules (MP0002, MP0010, MP0011): no generated code (the
/// generator's own output included), concurrent execution, and per-compilation actions only when the
/// compilation references the Multiproc runtime and its <c>ProcessTargetAttribute</c>.
/// </summary>
public abstract class ProcessTargetAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (MultiprocSymbols.TryCreate(start.Compilation) is { ProcessTargetAttribute: not null } symbols)
            {
                OnCompilationStart(start, symbols);
            }
        });
    }

    /// <summary>
    /// Whether a method a symbol action sees is a target to check: marked <c>[ProcessTarget]</c>, and not the
    /// implementation part of a partial method. The action sees both parts of a partial method, each with the
    /// attributes of both, while the generator makes one model of it.
    /// </summary>
    /// <param name="method">The method of the symbol action.</param>
    /// <param name="symbols">The runtime's symbols.</param>
    /// <returns>True for one symbol per target.</returns>
    private protected static bool IsTarget(IMethodSymbol method, MultiprocSymbols symbols) =>
        method.PartialDefinitionPart is null && symbols.IsProcessTarget(method);

    /// <summary>Registers the rule's actions for one compilation that can have process targets.</summary>
    /// <param name="context">The compilation-start context.</param>
    /// <param name="symbols">The runtime's symbols; <see cref="MultiprocSymbols.ProcessTargetAttribute"/> is not null.</param>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, MultiprocSymbols symbols);
}
