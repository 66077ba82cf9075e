namespace Multiproc;

/// <summary>
/// How a <see cref="Pool"/> is set up: the keyword arguments of Python's <c>multiprocessing.Pool</c>
/// (<c>processes</c>, <c>initializer</c>/<c>initargs</c>, <c>maxtasksperchild</c>) plus a per-task timeout.
/// Checked when the pool is created.
/// </summary>
public sealed class PoolOptions
{
    /// <summary>How many worker processes; null for <see cref="Multiprocessing.CpuCount"/>. Must be at least 1.</summary>
    public int? Processes { get; init; }

    /// <summary>What each worker runs once before its first task (Python's <c>initializer</c> and <c>initargs</c>); null for nothing.</summary>
    public PoolInitializer? Initializer { get; init; }

    /// <summary>
    /// How many tasks a worker runs before it exits and is replaced by a fresh process (Python's
    /// <c>maxtasksperchild</c>; a task is one apply or one chunk of a map); null for no limit. Must be at least 1.
    /// </summary>
    public int? MaxTasksPerChild { get; init; }

    /// <summary>
    /// How long one item may run before its worker is killed and replaced and the item fails with a
    /// <see cref="TimeoutException"/>; null for no limit. <see cref="Pool.ApplyAsync{TArgs, TResult}"/> can set its own.
    /// </summary>
    public TimeSpan? TaskTimeout { get; init; }
}
