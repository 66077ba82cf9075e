using System.Globalization;
using System.Reflection;
using Multiproc.Tests.Infrastructure;
using OsProcess = System.Diagnostics.Process;
using OsStartInfo = System.Diagnostics.ProcessStartInfo;

namespace Multiproc.Tests.Processes;

/// <summary>
/// A program that starts a process before its entry-point guard runs (no guard in Main, or a start in a
/// static constructor) must not become a chain of processes: its first child is stopped with exit code 1
/// and a message naming the guard, and the parent's start fails at once with the same explanation.
/// The program (tests/Runaway) is run for real; every process that runs it logs "pid ppid" to a file.
/// </summary>
public sealed class RunawayChainTests : ChildProcessTest
{
    private static readonly string RunawayProgram = Path.GetFullPath(
        typeof(RunawayChainTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Multiproc.Runaway").Value!);

    [Theory]
    [InlineData("no-guard")]
    [InlineData("static-constructor")]
    public void A_start_before_the_guard_stops_the_first_child_and_fails_the_parents_start(string mode)
    {
        string log = Path.Combine(Path.GetTempPath(), $"multiproc-runaway-{Guid.NewGuid():N}.log");
        try
        {
            (int exitCode, string stderr) = Run(mode, log);

            string[] lines = File.ReadAllLines(log);
            Assert.True(lines.Length == 2, $"expected the program and exactly one child, saw {lines.Length} processes:\n{string.Join('\n', lines)}\n{stderr}");
            int[] parent = Pids(lines[0]);
            int[] child = Pids(lines[1]);
            Assert.Equal(parent[0], child[1]);

            // The child explains itself and exits 1; the parent's Start fails with the guard named, not after
            // its start timeout ("did not connect back within …").
            Assert.Contains($"This process is a Multiproc child (pid {child[0]}) and tried to start a process before its entry-point guard ran", stderr);
            Assert.Contains($"The child process (pid {child[0]}, {RunawayProgram}) exited with code 1 before running its target", stderr);
            Assert.Contains("Multiprocessing.TryRunChild", stderr);
            Assert.DoesNotContain("within", stderr);
            Assert.NotEqual(0, exitCode);
            Assert.False(Directory.Exists($"/proc/{child[0]}"), $"the stopped child {child[0]} is still there");
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static (int ExitCode, string Stderr) Run(string mode, string log)
    {
        var info = new OsStartInfo(RunawayProgram) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment["RUNAWAY_MODE"] = mode;
        info.Environment["RUNAWAY_LOG"] = log;
        info.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        using OsProcess program = OsProcess.Start(info)!;
        Task<string> stderr = program.StandardError.ReadToEndAsync();
        Task<string> stdout = program.StandardOutput.ReadToEndAsync();
        if (!program.WaitForExit(Patience))
        {
            // A chain: end the whole tree before failing, so the machine is left clean.
            KillTree(log);
            program.Kill(entireProcessTree: true);
            Assert.Fail($"the program was still running after {Patience.TotalSeconds} s: a chain of processes ({File.ReadAllLines(log).Length} so far)");
        }

        program.WaitForExit();
        return (program.ExitCode, stderr.Result + stdout.Result);
    }

    private static int[] Pids(string line) => line.Split(' ').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();

    private static void KillTree(string log)
    {
        foreach (string line in File.ReadAllLines(log))
        {
            try
            {
                OsProcess.GetProcessById(Pids(line)[0]).Kill();
            }
            catch (ArgumentException)
            {
            }
        }
    }
}
