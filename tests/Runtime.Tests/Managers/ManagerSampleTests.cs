using System.Diagnostics;
using System.Reflection;
using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Managers;

/// <summary>The manager samples, run as the separate programs a user runs.</summary>
public sealed class ManagerSampleTests : ChildProcessTest
{
    [Fact]
    public void SharedContainers_PrintsTheReversedList_AndEveryChildsEntries()
    {
        (int exit, string output) = Run(StartSample("Sample.SharedContainers"));
        Assert.Equal(0, exit);
        string[] lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]", lines[0]);
        for (int n = 1; n <= 4; n++)
        {
            Assert.Contains($"child {n}: {n * n}", lines);
            Assert.Contains($"child {n} was here", lines);
        }
    }

    [Fact]
    public void DistributedMasterWorker_MasterAndWorker_AsTwoPrograms_OverLoopback()
    {
        int port = FreePort();
        using System.Diagnostics.Process master = StartSample("Sample.DistributedMasterWorker", "master", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var masterOutput = new System.Collections.Concurrent.BlockingCollection<string>();
        master.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                masterOutput.Add(line);
            }
        };
        master.BeginOutputReadLine();
        try
        {
            // The worker must find the master listening: wait for its first line.
            Assert.True(masterOutput.TryTake(out string? first, Patience), "the master printed nothing");
            Assert.Equal($"Master listening on port {port}.", first);

            (int workerExit, string workerOutput) = Run(StartSample("Sample.DistributedMasterWorker", "worker", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(0, workerExit);
            Assert.Contains("worker exit.", workerOutput);

            Assert.True(master.WaitForExit(Patience), "the master did not exit");
            master.WaitForExit();
            Assert.Equal(0, master.ExitCode);
            string[] results = [.. masterOutput.Where(l => l.StartsWith("Result: ", StringComparison.Ordinal))];
            Assert.Equal(10, results.Length);
            foreach (string result in results)
            {
                string[] parts = result["Result: ".Length..].Split(' ');
                long n = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal($"{n} * {n} = {n * n}", result["Result: ".Length..]);
            }
        }
        finally
        {
            if (!master.HasExited)
            {
                master.Kill(entireProcessTree: true);
                master.WaitForExit();
            }
        }
    }

    [Fact]
    public void DistributedMasterWorker_BadCommandLine_PrintsUsage()
    {
        (int exit, string _) = Run(StartSample("Sample.DistributedMasterWorker", "master", "not-a-port"));
        Assert.Equal(2, exit);
    }

    private static int FreePort()
    {
        using var listener = Listener.Tcp();
        return ((System.Net.IPEndPoint)listener.Address).Port;
    }

    private static System.Diagnostics.Process StartSample(string key, params string[] arguments)
    {
        string path = System.IO.Path.GetFullPath(typeof(ManagerSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);
        Assert.True(File.Exists(path), $"the sample was not built: {path}");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return System.Diagnostics.Process.Start(info)!;
    }

    private static (int ExitCode, string Output) Run(System.Diagnostics.Process process)
    {
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Patience))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                Assert.Fail($"{process.StartInfo.FileName} did not exit: {output.Result}{error.Result}");
            }

            process.WaitForExit();
            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
