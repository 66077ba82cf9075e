namespace Multiproc.Distributed.Wire;

/// <summary>How one item of a task ended, as a worker reports it to the caller.</summary>
internal enum OutcomeKind : byte
{
    /// <summary>The payload is the encoded return value.</summary>
    Returned = 0,

    /// <summary>The target threw: type name, message and full text (becomes a <see cref="RemoteException"/>).</summary>
    Threw = 1,

    /// <summary>The distributed pool gave up: a <see cref="DistributedTaskFailure"/> byte and a message.</summary>
    Failed = 2,

    /// <summary>The item ran longer than its timeout; its child was killed. A message.</summary>
    TimedOut = 3,
}
