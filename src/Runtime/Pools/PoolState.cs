namespace Multiproc.Pools;

/// <summary>A pool's life cycle, as Python's <c>RUN</c>, <c>CLOSE</c>, <c>TERMINATE</c>.</summary>
internal enum PoolState
{
    /// <summary>Accepts work.</summary>
    Running,

    /// <summary>Accepts no new work; runs what is queued, then the workers exit.</summary>
    Closed,

    /// <summary>Workers killed; unfinished work failed.</summary>
    Terminated,
}
