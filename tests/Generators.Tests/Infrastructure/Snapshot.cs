using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Multiproc.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with <c>Snapshots/{Class}/{Test}/{HintName}.verified.cs</c> next to the test source:
/// the set of files, then each text (line endings normalized, the generator version as <c>{VERSION}</c>).
/// On a mismatch it writes <c>.received.cs</c> and fails at the first differing line. <c>SNAPSHOT_ACCEPT=1</c>
/// overwrites the snapshots and deletes stale ones; with <c>CI=true</c> that variable is an error.
/// </summary>
internal static class Snapshot
{
    private const string VerifiedSuffix = ".verified.cs";
    private const string ReceivedSuffix = ".received.cs";

    /// <summary>Verifies every file of <paramref name="output"/>.</summary>
    /// <param name="output">The generator output.</param>
    /// <param name="file">The calling test file (supplied by the compiler).</param>
    /// <param name="test">The calling test (supplied by the compiler).</param>
    public static void Verify(GeneratorOutput output, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        bool accept = Environment.GetEnvironmentVariable("SNAPSHOT_ACCEPT") == "1";
        Assert.False(accept && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            "SNAPSHOT_ACCEPT must not be set in CI.");
        string directory = Path.Combine(Path.GetDirectoryName(file)!, "Snapshots", Path.GetFileNameWithoutExtension(file), test);
        Directory.CreateDirectory(directory);
        Dictionary<string, string> received = output.Result.GeneratedSources.ToDictionary(
            s => s.HintName.EndsWith(".g.cs", StringComparison.Ordinal) ? s.HintName[..^".g.cs".Length] : Path.GetFileNameWithoutExtension(s.HintName),
            s => Normalize(s.SourceText.ToString()));

        foreach (string stale in Directory.GetFiles(directory, "*" + ReceivedSuffix))
        {
            File.Delete(stale);
        }

        if (accept)
        {
            foreach (string existing in Directory.GetFiles(directory, "*" + VerifiedSuffix))
            {
                File.Delete(existing);
            }

            foreach ((string name, string text) in received)
            {
                File.WriteAllText(Path.Combine(directory, name + VerifiedSuffix), text);
            }

            return;
        }

        string[] verifiedNames = Directory.GetFiles(directory, "*" + VerifiedSuffix)
            .Select(path => Path.GetFileName(path)[..^VerifiedSuffix.Length])
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] receivedNames = received.Keys.Order(StringComparer.Ordinal).ToArray();
        var failures = new List<string>();
        if (!verifiedNames.SequenceEqual(receivedNames))
        {
            failures.Add($"Generated files differ.\n  verified: {string.Join(", ", verifiedNames)}\n  received: {string.Join(", ", receivedNames)}");
        }

        foreach ((string name, string text) in received.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            string verifiedPath = Path.Combine(directory, name + VerifiedSuffix);
            string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n") : null;
            if (verified == text)
            {
                continue;
            }

            File.WriteAllText(Path.Combine(directory, name + ReceivedSuffix), text);
            failures.Add(verified is null ? $"{name}: no verified snapshot." : $"{name}: {FirstDifference(verified, text)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\nRun with SNAPSHOT_ACCEPT=1 to accept the received files.");
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace($"\"{GeneratedVersion}\"", "\"{VERSION}\"");

    private static string GeneratedVersion => typeof(ProcessTargetGenerator).Assembly.GetName().Version!.ToString();

    private static string FirstDifference(string verified, string received)
    {
        string[] expected = verified.Split('\n');
        string[] actual = received.Split('\n');
        for (int i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            string? left = i < expected.Length ? expected[i] : null;
            string? right = i < actual.Length ? actual[i] : null;
            if (left != right)
            {
                return $"line {i + 1} differs.\n  verified: {left ?? "<end of file>"}\n  received: {right ?? "<end of file>"}";
            }
        }

        return "texts differ.";
    }
}
