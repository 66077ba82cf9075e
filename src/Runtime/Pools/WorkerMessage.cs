namespace Multiproc.Pools;

/// <summary>
/// Message kinds on a worker's task channel. Every message is a frame: a 4-byte little-endian length of
/// what follows, this kind byte, then the payload.
/// </summary>
internal enum WorkerMessage : byte
{
    /// <summary>Parent → worker: <c>ulong target id, ulong schema hash, int count, count × (int length, argument bytes)</c>.</summary>
    Task = 1,

    /// <summary>Worker → parent, once: the initializer ran; the worker takes tasks.</summary>
    Ready = 2,

    /// <summary>Worker → parent, once: the initializer threw (payload: the encoded exception); the worker exits.</summary>
    InitializerFailed = 3,

    /// <summary>Worker → parent: <c>int count, count × (byte status, int length, bytes)</c> for the next items in dispatch order.</summary>
    Results = 4,
}
