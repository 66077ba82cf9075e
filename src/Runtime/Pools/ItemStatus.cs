namespace Multiproc.Pools;

/// <summary>How one item ended in a worker, as sent in a <see cref="WorkerMessage.Results"/> frame.</summary>
internal enum ItemStatus : byte
{
    /// <summary>The payload is the encoded return value.</summary>
    Returned = 0,

    /// <summary>The payload is an encoded exception (type name, message, full text).</summary>
    Threw = 1,
}
