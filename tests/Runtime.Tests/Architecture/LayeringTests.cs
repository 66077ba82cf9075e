using System.Text.RegularExpressions;
using Xunit;

namespace Multiproc.Tests.Architecture;

/// <summary>
/// The runtime's folders are layers whose arrows point one way (docs/architecture.md): a file may use what its own
/// layer and the layers below it own, never what a higher layer owns. This test reads the sources under
/// <c>src/Runtime/&lt;Folder&gt;/</c> as text and fails on a new upward reference.
/// </summary>
/// <remarks>
/// The rule, kept simple on purpose:
/// <list type="bullet">
/// <item>A folder owns the types named like its files (one type per file: <c>Pools/WorkerHost.cs</c> owns
/// <c>WorkerHost</c>; <c>Interop/Libc.Sockets.cs</c> owns <c>Libc</c>). A name owned by two folders (the partial
/// <c>Multiprocessing</c> facade) and the files directly in <c>src/Runtime/</c> (the public facade, above every layer)
/// are not checked.</item>
/// <item>A file references a type when the name appears in its code as a whole word that is not a member access
/// (<c>log.Pool</c> is a property) and not a member being declared or called (see <see cref="References"/>), or when
/// the code names a higher folder's namespace (<c>Multiproc.Pools</c>). Comments and string literals are not code here
/// (so a name inside an interpolation hole is not seen).</item>
/// </list>
/// </remarks>
public sealed class LayeringTests
{
    /// <summary>The layers, lowest first; folders on one line are peers and may use each other.</summary>
    private static readonly string[][] Layers =
    [
        ["Resources"], // Strings.resx only: the messages ThrowHelper (in src/Runtime/) reads through the generated SR class
        ["Interop"],
        ["Diagnostics", "Serialization"],
        ["Core", "SharedMemory", "Hosting"],
        ["Processes"],
        ["Connections", "Queues", "Synchronization", "Values"],
        ["Pools"],
        ["Managers"],
    ];

    /// <summary>
    /// Known upward references, each as "Folder/File.cs -> Type", with the reason it stays for now. A new upward
    /// reference fails the test; so does an entry here that is no longer needed (remove it).
    /// </summary>
    /// <remarks>Empty today: every upward reference found when this test was written has been turned around.</remarks>
    private static readonly Dictionary<string, string> KnownExceptions = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void LowerLayers_DoNotReferenceHigherLayers()
    {
        string runtime = FindRuntimeSource();
        var layerOf = new Dictionary<string, int>();
        for (int i = 0; i < Layers.Length; i++)
        {
            foreach (string folder in Layers[i])
            {
                layerOf[folder] = i;
            }
        }

        string[] folders = [.. Directory.GetDirectories(runtime).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "Properties" or "Resources"))!];
        string[] unplaced = [.. folders.Where(f => !layerOf.ContainsKey(f))];
        Assert.True(unplaced.Length == 0, $"Folders with no layer (add them to {nameof(Layers)}): {string.Join(", ", unplaced)}");

        // Type name -> owning folder; names owned by more than one folder are left out.
        var owners = new Dictionary<string, string?>();
        foreach (string folder in folders)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(runtime, folder), "*.cs", SearchOption.AllDirectories))
            {
                string type = Path.GetFileName(file).Split('.')[0];
                owners[type] = owners.TryGetValue(type, out string? existing) && existing != folder ? null : folder;
            }
        }

        // The scan sees the real tree (a wrong root would pass vacuously).
        Assert.Equal("Interop", owners.GetValueOrDefault("Libc"));
        Assert.Equal("Pools", owners.GetValueOrDefault("WorkerHost"));

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string folder in folders)
        {
            int layer = layerOf[folder];
            string[] higherFolders = [.. folders.Where(f => layerOf[f] > layer)];
            string[] higherTypes = [.. owners.Where(o => o.Value is not null && layerOf[o.Value] > layer).Select(o => o.Key)];
            foreach (string file in Directory.GetFiles(Path.Combine(runtime, folder), "*.cs", SearchOption.AllDirectories))
            {
                string code = CodeOnly(File.ReadAllText(file));
                string name = Path.GetRelativePath(runtime, file).Replace('\\', '/');
                foreach (string type in higherTypes)
                {
                    if (References(code, type, folders))
                    {
                        found.Add($"{name} -> {type}");
                    }
                }

                foreach (string higher in higherFolders)
                {
                    if (Regex.IsMatch(code, $@"\bMultiproc\.{higher}\b"))
                    {
                        found.Add($"{name} -> Multiproc.{higher}");
                    }
                }
            }
        }

        string[] unexpected = [.. found.Where(f => !KnownExceptions.ContainsKey(f))];
        string[] stale = [.. KnownExceptions.Keys.Where(k => !found.Contains(k))];
        Assert.True(unexpected.Length == 0, "A lower layer references a higher one (see docs/architecture.md):\n" + string.Join('\n', unexpected));
        Assert.True(stale.Length == 0, $"These {nameof(KnownExceptions)} are fixed; remove them:\n" + string.Join('\n', stale));
    }

    /// <summary>
    /// One of each mechanism (docs/architecture.md): the calls that make one are made in its one home in <c>Core/</c> and
    /// nowhere else, so a second copy (a queue mapping its own files, a fixed spin loop, a channel reading its own frames,
    /// a host with its own target lookup) fails here.
    /// </summary>
    [Fact]
    public void EachMechanism_IsMadeInItsOneHome()
    {
        // A call's pattern -> the files allowed to make it (relative to src/Runtime).
        var homes = new (string Pattern, string[] Files)[]
        {
            (@"MemoryMappedFile", []),
            (@"Libc\.MMap\(", ["Core/Segment.cs", "Pools/WorkerProgress.cs"]), // WorkerProgress: an anonymous memfd page, not /dev/shm
            (@"Libc\.Unlink\(", ["Core/SegmentRegistry.cs"]),
            (@"Thread\.SpinWait\(", ["Core/AdaptiveSpin.cs"]),
            (@"Libc\.(?:ReceiveSome|ReceiveWithDescriptors)\(", ["Core/FramedChannel.cs"]),
            (@"TargetRegistry\.TryGet\(", []),
        };

        string runtime = FindRuntimeSource();
        var found = new List<string>();
        foreach (string file in Directory.GetFiles(runtime, "*.cs", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(runtime, file).Replace('\\', '/');
            if (name.StartsWith("bin/", StringComparison.Ordinal) || name.StartsWith("obj/", StringComparison.Ordinal))
            {
                continue;
            }

            string code = CodeOnly(File.ReadAllText(file));
            found.AddRange(homes.Where(h => !h.Files.Contains(name) && Regex.IsMatch(code, h.Pattern)).Select(h => $"{name}: {h.Pattern}"));
        }

        Assert.True(found.Count == 0, "A mechanism is made outside its one home in Core/ (see docs/architecture.md):\n" + string.Join('\n', found));
    }

    [Fact]
    public void Scanner_SeesAnUpwardReference_AndIgnoresCommentsStringsAndMembers()
    {
        const string Source = """
            // Pool in a comment
            /// <see cref="Pool"/>
            var text = "Pool in a string";
            log.Pool.Write();
            Pool.Create();
            """;
        string code = CodeOnly(Source);
        Assert.True(References(code, "Pool", ["Pools"]));
        Assert.False(References(CodeOnly(Source.Replace("Pool.Create();", string.Empty, StringComparison.Ordinal)), "Pool", ["Pools"]));
        Assert.True(References("var m = new Pool(4);", "Pool", ["Pools"]));
        Assert.True(References("Pools.WorkerHost.Register();", "WorkerHost", ["Pools"]));
        Assert.False(References("public ILogger Pool { get; }", "Pool", ["Pools"]));
    }

    /// <summary>
    /// Whether <paramref name="code"/> names <paramref name="type"/>: a whole word that is not a member access
    /// (<c>log.Pool</c>) nor a member being declared or called (followed by <c>(</c>, <c>{</c>, <c>=</c> or <c>;</c>),
    /// or after <c>new</c>, or qualified by <c>Multiproc.</c> or a folder's namespace (<c>Pools.WorkerHost</c>).
    /// </summary>
    private static bool References(string code, string type, string[] folders) =>
        Regex.IsMatch(code, $@"(?<![\w.]){type}\b(?!\s*[({{=;])|\bnew\s+{type}\b|\b(?:Multiproc|{string.Join('|', folders)})\.{type}\b");

    /// <summary>The text with comments and the contents of string and character literals removed.</summary>
    private static string CodeOnly(string source)
    {
        string noBlock = Regex.Replace(source, @"/\*.*?\*/", " ", RegexOptions.Singleline);
        var lines = noBlock.Split('\n').Select(line =>
        {
            string withoutStrings = Regex.Replace(line, @"@?\$?""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)'", "\"\"");
            int comment = withoutStrings.IndexOf("//", StringComparison.Ordinal);
            return comment >= 0 ? withoutStrings[..comment] : withoutStrings;
        });
        return string.Join('\n', lines);
    }

    private static string FindRuntimeSource()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "Runtime");
            if (File.Exists(Path.Combine(candidate, "Multiproc.Runtime.csproj")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"src/Runtime not found above {AppContext.BaseDirectory}.");
    }
}
