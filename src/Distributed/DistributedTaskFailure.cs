namespace Multiproc.Distributed;

/// <summary>Why the distributed pool gave up on a task without a result or an exception from the target.</summary>
public enum DistributedTaskFailure
{
    /// <summary>
    /// The task was delivered <see cref="DistributedOptions.MaxDeliveries"/> times and each time the process
    /// running it died (a poison task): it is not delivered again.
    /// </summary>
    DeliveryLimitReached = 1,

    /// <summary>The worker's build has no <c>[ProcessTarget]</c> with the task's id, or one with another signature (version skew).</summary>
    UnknownTarget = 2,

    /// <summary>The task waited in the queue longer than <see cref="DistributedOptions.TaskTimeToLive"/>.</summary>
    Expired = 3,

    /// <summary>The target's result is larger than the largest message the server accepts.</summary>
    ResultTooLarge = 4,
}
