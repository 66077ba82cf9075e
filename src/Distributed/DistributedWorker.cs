using System.Runtime.InteropServices;
using Multiproc.Distributed.Brokers;
using Multiproc.Distributed.Worker;

namespace Multiproc.Distributed;

/// <summary>
/// Worker mode: the same program that calls <see cref="DistributedPool"/>, started on any machine, pulls
/// tasks from the queue and runs them on its own local <see cref="Pool"/> of child processes (the crash
/// isolation and warm workers of the local pool: a task that crashes, times out or is cancelled kills only the
/// child running it, never the node). Call it after the entry-point guard:
/// <code>
/// if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
/// if (await DistributedWorker.RunFromCommandLineAsync(args) is int workerExit) return workerExit;
/// </code>
/// The role of Python's <c>BaseManager</c> task-worker scripts, on NATS JetStream instead of a manager.
/// </summary>
public static class DistributedWorker
{
    /// <summary>The command-line switch that starts worker mode: <c>--multiproc-worker nats://host:4222 [--processes N]</c>.</summary>
    public const string CommandLineSwitch = "--multiproc-worker";

    /// <summary>The optional switch that sets <see cref="DistributedWorkerOptions.Processes"/>.</summary>
    public const string ProcessesSwitch = "--processes";

    /// <summary>
    /// Connects to the server at <paramref name="connectionString"/> and serves tasks until
    /// <paramref name="cancellationToken"/> is cancelled; then the tasks it still holds are given back to the
    /// queue for other nodes (their children are killed) and the local pool is shut down.
    /// </summary>
    /// <param name="connectionString">The server, e.g. <c>nats://10.0.0.5:4222</c> or <c>nats://user:password@host:4222</c>.</param>
    /// <param name="options">Queue name, credentials and delivery rules (as the callers'); null for defaults.</param>
    /// <param name="workerOptions">The node's local pool: processes, tasks in flight, initializer; null for defaults.</param>
    /// <param name="cancellationToken">Stops the node.</param>
    /// <returns>A task that completes when the node has stopped.</returns>
    /// <exception cref="UnauthorizedAccessException">The server refused the credentials.</exception>
    /// <exception cref="InvalidOperationException">The server is unreachable or has no JetStream.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (the message names it).</exception>
    public static async Task RunAsync(string connectionString, DistributedOptions? options = null, DistributedWorkerOptions? workerOptions = null, CancellationToken cancellationToken = default)
    {
        options ??= new DistributedOptions();
        workerOptions ??= new DistributedWorkerOptions();
        int processes = workerOptions.Processes ?? Multiprocessing.CpuCount;
        if (processes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(workerOptions), processes, "DistributedWorkerOptions.Processes must be at least 1.");
        }

        int inFlight = workerOptions.MaxTasksInFlight ?? processes * 2;
        if (inFlight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(workerOptions), inFlight, "DistributedWorkerOptions.MaxTasksInFlight must be at least 1.");
        }

        Action<string> log = workerOptions.Log ?? (static line => Console.Error.WriteLine($"multiproc worker {Environment.ProcessId}: {line}"));
        await using NatsTaskBroker broker = await NatsTaskBroker.ConnectAsync(connectionString, options, $"multiproc-worker-{Environment.MachineName}-{Environment.ProcessId}", cancellationToken).ConfigureAwait(false);
        var poolOptions = new PoolOptions { Processes = processes, Initializer = workerOptions.Initializer, MaxTasksPerChild = workerOptions.MaxTasksPerChild };
        using Pool pool = await Task.Run(() => new Pool(poolOptions), cancellationToken).ConfigureAwait(false);
        var node = new WorkerNode(broker, options, pool, inFlight, log);
        log($"serving queue '{options.QueueName}' with {processes} processes");
        await node.RunAsync(cancellationToken).ConfigureAwait(false);
        log("stopped");
    }

    /// <summary>
    /// Worker mode from the command line: when <paramref name="args"/> hold <see cref="CommandLineSwitch"/>
    /// followed by a connection string (and optionally <see cref="ProcessesSwitch"/> N), serves tasks until
    /// SIGINT or SIGTERM and returns the exit code (0; 1 if the server could not be reached or refused the
    /// credentials, with the reason on standard error). Otherwise returns null at once and the program carries on.
    /// </summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="options">Queue name, credentials and delivery rules; null for defaults.</param>
    /// <param name="workerOptions">The node's local pool; null for defaults (<see cref="ProcessesSwitch"/> overrides its process count).</param>
    /// <param name="cancellationToken">Stops the node, as a signal does.</param>
    /// <returns>The exit code in worker mode; null otherwise.</returns>
    /// <exception cref="ArgumentException">The switch has no connection string, or <see cref="ProcessesSwitch"/> no number.</exception>
    public static async Task<int?> RunFromCommandLineAsync(string[] args, DistributedOptions? options = null, DistributedWorkerOptions? workerOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        int at = Array.IndexOf(args, CommandLineSwitch);
        if (at < 0)
        {
            return null;
        }

        if (at + 1 >= args.Length || args[at + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{CommandLineSwitch} must be followed by the server's connection string, e.g. {CommandLineSwitch} nats://127.0.0.1:4222", nameof(args));
        }

        workerOptions ??= new DistributedWorkerOptions();
        int processesAt = Array.IndexOf(args, ProcessesSwitch);
        if (processesAt >= 0)
        {
            if (processesAt + 1 >= args.Length || !int.TryParse(args[processesAt + 1], out int processes))
            {
                throw new ArgumentException($"{ProcessesSwitch} must be followed by a number of processes.", nameof(args));
            }

            workerOptions = new DistributedWorkerOptions
            {
                Processes = processes,
                MaxTasksInFlight = workerOptions.MaxTasksInFlight,
                Initializer = workerOptions.Initializer,
                MaxTasksPerChild = workerOptions.MaxTasksPerChild,
                Log = workerOptions.Log,
            };
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        // These handlers own the signals while the node runs: Multiproc's exit-on-signal stands aside.
        using IDisposable claim = Multiproc.ExitSignals.Claim();
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        try
        {
            await RunAsync(args[at + 1], options, workerOptions, stop.Token).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or InvalidOperationException && !stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"multiproc worker: {e.Message}");
            return 1;
        }
    }
}
