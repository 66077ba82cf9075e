using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers;

/// <summary>
/// Every descriptor of the Multiproc analyzers, each made by <see cref="Create"/> so that ids, help links
/// and categories stay uniform. Must be kept in sync with <c>AnalyzerReleases.Unshipped.md</c> and
/// <c>docs/diagnostics/</c> (checked by <c>DescriptorHygieneTests</c>).
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The repository URL help links are made from.</summary>
    public const string HelpLinkBase = "https://github.com/multiproc/multiproc/blob/main";

    /// <summary>Category of rules about API usage.</summary>
    public const string Usage = "Usage";

    /// <summary>Category of rules about run-time failures.</summary>
    public const string Reliability = "Reliability";

    /// <summary>Category of rules about performance.</summary>
    public const string Performance = "Performance";

    /// <summary>
    /// MP0001. Format: "Entry point '{0}' {1}; every child re-runs this program, so make 'if
    /// (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' its first statement", where {0} is
    /// the entry point (<c>Program.Main</c> or <c>top-level statements</c>) and {1} says what is wrong.
    /// </summary>
    public static readonly DiagnosticDescriptor MissingEntryPointGuard = Create(
        DiagnosticIds.MissingEntryPointGuard,
        title: "The entry point must call Multiprocessing.TryRunChild first",
        message: "Entry point '{0}' {1}; every child re-runs this program, so make 'if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' its first statement",
        category: Reliability,
        severity: DiagnosticSeverity.Warning,
        description: "A program that starts processes is re-executed by each child it starts. Until the entry point " +
            "calls Multiprocessing.TryRunChild, a child runs the parent's code: it starts processes of its own, " +
            "opens files, prints, and never runs its target. The guard must be the first statement.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>All descriptors, for the hygiene tests.</summary>
    internal static DiagnosticDescriptor[] All => [MissingEntryPointGuard];

    private static DiagnosticDescriptor Create(string id, string title, string message, string category,
        DiagnosticSeverity severity, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description,
            helpLinkUri: $"{HelpLinkBase}/docs/diagnostics/{id}.md", customTags: tags);
}
