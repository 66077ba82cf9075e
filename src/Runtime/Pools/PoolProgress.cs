namespace Multiproc;

/// <summary>How far a map has got: reported through the <see cref="IProgress{T}"/> passed to <see cref="Pool.MapAsync{TArgs, TResult}"/>.</summary>
/// <param name="Completed">Items finished (returned or failed).</param>
/// <param name="Total">Items in the map.</param>
public readonly record struct PoolProgress(int Completed, int Total);
