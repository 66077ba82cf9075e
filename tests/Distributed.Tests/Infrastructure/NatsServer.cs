using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Multiproc.Distributed.Tests.Infrastructure;

/// <summary>
/// A real nats-server with JetStream, started for one test on a free loopback port with a temporary store
/// directory; <see cref="Dispose"/> stops it and deletes the store.
/// </summary>
public sealed class NatsServer : IDisposable
{
    private readonly string[] _extraArguments;
    private System.Diagnostics.Process? _process;

    private NatsServer(string[] extraArguments)
    {
        _extraArguments = extraArguments;
        StoreDirectory = Directory.CreateTempSubdirectory("mp-nats-").FullName;
        Port = FreePort();
    }

    public int Port { get; }

    public string StoreDirectory { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public static string? FindExecutable()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin"))
        {
            string candidate = Path.Combine(directory, "nats-server");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts a server; <paramref name="extraArguments"/> adds e.g. <c>--user u --pass p</c>.</summary>
    public static NatsServer Start(params string[] extraArguments)
    {
        var server = new NatsServer(extraArguments);
        server.Launch();
        return server;
    }

    /// <summary>Stops the server (SIGTERM, as an operator would) and starts it again on the same port and store.</summary>
    public void Restart()
    {
        Stop();
        Launch();
    }

    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Signals.Kill(_process.Id, 15);
            if (!_process.WaitForExit(15_000))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(StoreDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Launch()
    {
        var start = new ProcessStartInfo(FindExecutable() ?? throw new InvalidOperationException("nats-server is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-js", "-sd", StoreDirectory, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = System.Diagnostics.Process.Start(start)!;
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
