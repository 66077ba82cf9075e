using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Multiproc.Distributed.Tests.Infrastructure;

/// <summary>A worker node: the test worker program started as its own OS process in worker mode.</summary>
public sealed class WorkerNodeProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ManualResetEventSlim _serving = new();

    private WorkerNodeProcess(System.Diagnostics.Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public IEnumerable<string> Output => _lines;

    public static string ProgramPath => typeof(WorkerNodeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Multiproc.Distributed.TestWorker").Value!;

    /// <summary>Starts a node and waits until it is pulling tasks.</summary>
    public static WorkerNodeProcess Start(string url, DistributedOptions options, int processes = 1, params string[] extra)
    {
        var node = Launch(["--multiproc-worker", url, "--processes", processes.ToString(CultureInfo.InvariantCulture), .. Settings(options), .. extra]);
        if (!node._serving.Wait(TimeSpan.FromSeconds(60)))
        {
            node.Dispose();
            throw new TimeoutException($"worker node did not start serving: {string.Join(" | ", node._lines)}");
        }

        return node;
    }

    /// <summary>Starts the program with <paramref name="arguments"/> (e.g. caller mode) without waiting.</summary>
    public static WorkerNodeProcess Launch(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(ProgramPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var node = new WorkerNodeProcess(System.Diagnostics.Process.Start(start)!);
        node._process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    public static string[] Settings(DistributedOptions options) =>
    [
        "--queue", options.QueueName,
        "--ack-wait-ms", ((int)options.AckWait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        "--max-deliveries", options.MaxDeliveries.ToString(CultureInfo.InvariantCulture),
        "--ttl-ms", ((long)Math.Min(int.MaxValue, options.TaskTimeToLive.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
        "--result-ttl-ms", ((long)Math.Min(int.MaxValue, options.ResultTimeToLive.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>The node's child processes (its local pool). Each thread lists the children it started.</summary>
    public int[] ChildPids()
    {
        var children = new List<int>();
        try
        {
            foreach (string task in Directory.GetDirectories($"/proc/{Pid}/task"))
            {
                try
                {
                    children.AddRange(File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
                }
                catch (IOException)
                {
                    // The thread ended meanwhile.
                }
            }
        }
        catch (IOException)
        {
        }

        return [.. children.Distinct()];
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would; waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            Signals.Kill(_process.Id, 9);
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM (a graceful stop); returns the exit code.</summary>
    public int Stop()
    {
        if (!_process.HasExited)
        {
            Signals.Kill(_process.Id, 15);
            if (!_process.WaitForExit(30_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        int[] children = _process.HasExited ? [] : ChildPids();
        Stop();
        _process.Dispose();
        foreach (int child in children)
        {
            // Pool children are daemons: they die with the node. Wait so no test leaves one behind.
            SpinWait.SpinUntil(() => !Signals.IsAlive(child), TimeSpan.FromSeconds(10));
        }

        _serving.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.Contains("serving queue", StringComparison.Ordinal))
        {
            _serving.Set();
        }
    }
}
