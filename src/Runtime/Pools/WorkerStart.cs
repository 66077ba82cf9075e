namespace Multiproc.Pools;

/// <summary>What the parent hands a new pool worker: its task channel, its progress page and the initializer.</summary>
/// <param name="TaskFd">The worker's end of the task socket pair (transferred as an inherited descriptor).</param>
/// <param name="ProgressFd">The memfd holding the worker's <see cref="WorkerProgress"/> counters.</param>
/// <param name="Initializer">What the worker runs first, or null.</param>
internal sealed record WorkerStart(int TaskFd, int ProgressFd, PoolInitializer? Initializer);
