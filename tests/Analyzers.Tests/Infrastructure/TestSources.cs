namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>Source fragments several test classes need.</summary>
internal static class TestSources
{
    /// <summary>A target declaration in the global namespace: enough to make an executable "start processes".</summary>
    public const string GreetTarget = """
        static class Work
        {
            [Multiproc.ProcessTarget]
            public static void Greet(string message) { }
        }
        """;
}
