namespace Multiproc.Tests.LocalOnly;

/// <summary>A target only the test assembly declares: the test host program does not link it.</summary>
internal static class LocalTargets
{
    [ProcessTarget]
    internal static void OnlyInTheTestAssembly()
    {
    }
}
