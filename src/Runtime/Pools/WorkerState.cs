namespace Multiproc.Pools;

/// <summary>Where a pool worker is in its life.</summary>
internal enum WorkerState
{
    /// <summary>Started; its initializer has not reported yet.</summary>
    Starting,

    /// <summary>Takes tasks.</summary>
    Ready,

    /// <summary>Takes no more tasks; exits once it has answered what it holds.</summary>
    Retiring,

    /// <summary>Its task channel reached end of stream: it exited or died.</summary>
    Exited,
}
