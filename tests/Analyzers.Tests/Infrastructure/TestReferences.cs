using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>
/// References for test compilations: the runtime directory's trusted platform assemblies (which leaves
/// xunit and the test's own dependencies out) plus the Multiproc runtime.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<MetadataReference[]> s_all = new(Load);

    /// <summary>All references.</summary>
    public static MetadataReference[] All => s_all.Value;

    private static MetadataReference[] Load()
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
            .Append(typeof(ProcessTargetAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
