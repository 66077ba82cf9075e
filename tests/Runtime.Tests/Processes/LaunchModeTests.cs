using System.Globalization;
using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Processes;

/// <summary>
/// A program started as `dotnet app.dll` or as its apphost re-executes itself the same way for its children
/// (no SetExecutable). `dotnet run` launches the apphost, so the apphost case covers it.
/// </summary>
public sealed class LaunchModeTests : ChildProcessTest
{
    [Fact]
    public void DotnetAppDll_StartsChildrenThroughTheDotnetHost() =>
        RunSelfTest("dotnet", ["exec", TestHostProgram.Path + ".dll", "selftest"]);

    [Fact]
    public void Apphost_StartsChildrenThroughItself() =>
        RunSelfTest(TestHostProgram.Path, ["selftest"]);

    private static void RunSelfTest(string fileName, string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var program = System.Diagnostics.Process.Start(info)!;
        Task<string> stdout = program.StandardOutput.ReadToEndAsync();
        Task<string> stderr = program.StandardError.ReadToEndAsync();
        Assert.True(program.WaitForExit(Patience), "the self-test program did not finish");
        string output = stdout.Result;
        Assert.True(program.ExitCode == 0, $"exit code {program.ExitCode}\n{output}\n{stderr.Result}");
        string pid = program.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Matches($@"selftest parent {pid}: child says Process-1\|\d+\|False\|MainProcess\|{pid}", output);
    }
}
