namespace Multiproc.Pools;

/// <summary>
/// Why the pool killed a worker: the item (or, with a null <see cref="Unit"/>, every item of
/// <see cref="Job"/>) to fail with <see cref="Error"/>. The worker's other items are re-queued, not blamed.
/// </summary>
internal sealed record KillReason(PoolJob Job, WorkUnit? Unit, int Offset, Exception Error)
{
    public bool Covers(WorkUnit unit, int offset) => unit.Job == Job && (Unit is null || (Unit == unit && Offset == offset));
}
