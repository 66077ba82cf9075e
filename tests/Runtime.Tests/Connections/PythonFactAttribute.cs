using Xunit;

namespace Multiproc.Tests.Connections;

/// <summary>A fact that needs a real CPython of <c>version</c>; skipped, saying so, where that interpreter is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute for Python <paramref name="version"/>, e.g. "3.11".</summary>
    public PythonFactAttribute(string version)
    {
        Version = version;
        Skip = PythonInterpreter.SkipReason(version);
    }

    /// <summary>The Python version the test runs against.</summary>
    public string Version { get; }
}
