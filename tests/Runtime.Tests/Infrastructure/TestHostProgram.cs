using System.Reflection;

namespace Multiproc.Tests.Infrastructure;

/// <summary>Points Multiproc at the test host program, which links the TestTargets dispatch table.</summary>
internal static class TestHostProgram
{
    private static readonly Lazy<string> s_path = new(() =>
    {
        string path = typeof(TestHostProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Multiproc.TestHost").Value!;
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidOperationException($"The test host program was not built: {full}");
        }

        return full;
    });

    public static string Path => s_path.Value;

    public static void Use() => Multiprocessing.SetExecutable(Path);
}
