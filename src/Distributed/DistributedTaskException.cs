namespace Multiproc.Distributed;

/// <summary>
/// A distributed task ended without running to completion for a reason of the distributed pool rather than
/// of the target: see <see cref="Failure"/>. Such a task is never retried. (A target that throws surfaces as
/// <see cref="RemoteException"/> with the worker's stack, as in the local pool.)
/// </summary>
public sealed class DistributedTaskException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why the task failed.</param>
    /// <param name="message">What happened, naming the target.</param>
    public DistributedTaskException(DistributedTaskFailure failure, string message) : base(message)
    {
        Failure = failure;
    }

    /// <summary>Why the task failed.</summary>
    public DistributedTaskFailure Failure { get; }
}
