using Microsoft.CodeAnalysis;

namespace Multiproc.Generators.Tests.Infrastructure;

/// <summary>
/// The references a test compilation gets: the framework assemblies this test runs on (from the trusted
/// platform assemblies, filtered to the runtime's directory so xunit stays out) and the Multiproc runtime.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<MetadataReference[]> s_all = new(Create);

    /// <summary>All references, created once.</summary>
    public static MetadataReference[] All => s_all.Value;

    private static MetadataReference[] Create()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(ProcessTargetAttribute).Assembly.Location)
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
