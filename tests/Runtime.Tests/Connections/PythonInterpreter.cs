using System.Diagnostics;
using System.Text;

namespace Multiproc.Tests.Connections;

/// <summary>
/// Finds a real CPython interpreter of a given version (not the pyenv shim on PATH, which may point elsewhere) and
/// runs the interop scripts under <c>Connections/python</c> with it.
/// </summary>
internal static class PythonInterpreter
{
    private static readonly string ScriptDirectory = Path.Combine(AppContext.BaseDirectory, "Connections", "python");

    /// <summary>The interpreter's path for <paramref name="version"/> (e.g. "3.12"), or null.</summary>
    public static string? Find(string version)
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = new List<string>();
        string pyenv = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(home, ".pyenv"), "versions");
        if (Directory.Exists(pyenv))
        {
            candidates.AddRange(Directory.GetDirectories(pyenv, version + ".*")
                .OrderDescending(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin", "python" + version)));
        }

        candidates.Add($"/usr/bin/python{version}");
        candidates.Add($"/usr/local/bin/python{version}");
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Why a test for <paramref name="version"/> is skipped, or null when the interpreter is there.</summary>
    public static string? SkipReason(string version) =>
        Find(version) is null ? $"Python {version} is not installed (looked in ~/.pyenv/versions/{version}.*, /usr/bin, /usr/local/bin)." : null;

    /// <summary>Starts <paramref name="script"/> with its arguments; stdout and stderr are captured.</summary>
    public static PythonScript Start(string version, string script, params string[] arguments)
    {
        string python = Find(version) ?? throw new InvalidOperationException($"Python {version} is not installed.");
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(ScriptDirectory, script));
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new PythonScript(System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"Could not start {python}."));
    }
}

/// <summary>A running interop script.</summary>
internal sealed class PythonScript : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly System.Diagnostics.Process _process;
    private readonly Task<string> _stderr;

    public PythonScript(System.Diagnostics.Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The next line the script prints; fails with its stderr if it ends first.</summary>
    public async Task<string> ReadLineAsync()
    {
        string? line = await _process.StandardOutput.ReadLineAsync().WaitAsync(Generous);
        return line ?? throw new InvalidOperationException($"The Python script ended without output. stderr:\n{await _stderr.WaitAsync(Generous)}");
    }

    /// <summary>Waits for the script to end; returns its exit code and everything it printed after the lines already read.</summary>
    public async Task<(int ExitCode, string Output)> WaitForExitAsync()
    {
        string rest = await _process.StandardOutput.ReadToEndAsync().WaitAsync(Generous);
        await _process.WaitForExitAsync().WaitAsync(Generous);
        var output = new StringBuilder(rest);
        string stderr = await _stderr.WaitAsync(Generous);
        if (stderr.Length > 0)
        {
            output.Append("\nstderr:\n").Append(stderr);
        }

        return (_process.ExitCode, output.ToString());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
