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

    /// <summary>Looks a target up by id.</summary>
    internal static bool TryGet(ulong id, [NotNullWhen(true)] out TargetEntry? entry) => s_entries.TryGetValue(id, out entry);

    /// <summary>How many targets are registered.</summary>
    internal static int Count => s_entries.Count;
}

/// <summary>One dispatch-table entry.</summary>
internal sealed record TargetEntry(ulong Id, ulong SchemaHash, string Name, ProcessTargetInvoker Invoker);
