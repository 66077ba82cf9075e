using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Multiproc.Hosting;

/// <summary>
/// The process-wide dispatch table: target id → generated invoker. Generated module initializers fill
/// it; a child looks its target up here by id. No reflection, no type or method names resolved at run time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TargetRegistry
{
    private static readonly ConcurrentDictionary<ulong, TargetEntry> s_entries = new();

    /// <summary>Registers a target; re-registering the same id is allowed (tables can be linked twice).</summary>
    /// <param name="id">The stable id (a hash of the method's documentation-comment id).</param>
    /// <param name="schemaHash">A hash of the parameter and return type shapes; a child of another build differs.</param>
    /// <param name="name">The display name (<c>Namespace.Type.Method</c>).</param>
    /// <param name="invoker">The generated invoker.</param>
    public static void Register(ulong id, ulong schemaHash, string name, ProcessTargetInvoker invoker)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(invoker);
        s_entries[id] = new TargetEntry(id, schemaHash, name, invoker);
    }

    /// <summary>Registers a runtime-internal target (pool worker loops and the like).</summary>
    internal static void RegisterInternal(ulong id, string name, ProcessTargetInvoker invoker) =>
        s_entries[id] = new TargetEntry(id, 0, name, invoker);

    /// <summary>
    /// Looks up the target a parent asked a child (a started process or a pool worker) to run, by id, and checks that this
    /// build has the same signature; otherwise null and <paramref name="problem"/> says why, naming the target.
    /// </summary>
    /// <param name="id">The target's id.</param>
    /// <param name="schemaHash">The parent's schema hash of the target.</param>
    /// <param name="name">The target's name as the parent knows it (for the message).</param>
    /// <param name="problem">Why the target cannot run here, or null.</param>
    internal static TargetEntry? Resolve(ulong id, ulong schemaHash, string name, out string? problem)
    {
        string program = Environment.ProcessPath ?? "this program";
        if (!s_entries.TryGetValue(id, out TargetEntry? entry))
        {
            problem = $"target '{name}' (id 0x{id:X16}) is not in the dispatch table of {program} ({s_entries.Count} targets registered). " +
                "Mark the method [ProcessTarget] in this program or in an assembly it references, and make sure the program's Main starts with Multiprocessing.TryRunChild(...).";
            return null;
        }

        if (entry.SchemaHash != schemaHash)
        {
            problem = $"target '{name}' has a different signature in this build of {program} (schema 0x{entry.SchemaHash:X16}, parent 0x{schemaHash:X16}); rebuild so parent and child match.";
            return null;
        }

        problem = null;
        return entry;
    }

    /// <summary>Looks a target up by id.</summary>
    internal static bool TryGet(ulong id, [NotNullWhen(true)] out TargetEntry? entry) => s_entries.TryGetValue(id, out entry);

    /// <summary>How many targets are registered.</summary>
    internal static int Count => s_entries.Count;
}

/// <summary>One dispatch-table entry.</summary>
internal sealed record TargetEntry(ulong Id, ulong SchemaHash, string Name, ProcessTargetInvoker Invoker);
