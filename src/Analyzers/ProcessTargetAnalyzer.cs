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

    /// <summary>Registers the rule's actions for one compilation that can have process targets.</summary>
    /// <param name="context">The compilation-start context.</param>
    /// <param name="symbols">The runtime's symbols; <see cref="MultiprocSymbols.ProcessTargetAttribute"/> is not null.</param>
    private protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, MultiprocSymbols symbols);
}
