namespace Multiproc.Distributed;

/// <summary>How a worker node runs the tasks it pulls: the local <see cref="Pool"/> it keeps (Python's <c>Pool</c> arguments).</summary>
public sealed class DistributedWorkerOptions
{
    /// <summary>
    /// How many child processes the node's local pool keeps, which is how many items the node runs at once;
    /// null for <see cref="Multiprocessing.CpuCount"/>. Must be at least 1.
    /// </summary>
    public int? Processes { get; init; }

    /// <summary>
    /// How many tasks (applies or map chunks) the node holds at once, running or about to run; null for twice
    /// <see cref="Processes"/>. More keeps the children busy between tasks; fewer leaves more for other nodes.
    /// </summary>
    public int? MaxTasksInFlight { get; init; }

    /// <summary>What each child runs once before its first task (the local pool's <see cref="PoolOptions.Initializer"/>).</summary>
    public PoolInitializer? Initializer { get; init; }

    /// <summary>How many tasks a child runs before it is replaced (Python's <c>maxtasksperchild</c>); null for no limit.</summary>
    public int? MaxTasksPerChild { get; init; }

    /// <summary>Called with a one-line message when the node is connected and pulling tasks, and when it stops; null for standard error.</summary>
    public Action<string>? Log { get; init; }
}
