using System.Text.RegularExpressions;

namespace Multiproc.Distributed;

/// <summary>
/// How callers and workers meet on the server: the queue name, credentials and the delivery rules. Callers
/// (<see cref="DistributedPool.ConnectAsync"/>) and workers (<see cref="DistributedWorker.RunAsync"/>) of one
/// queue should use the same values; whichever connects first creates the streams, later ones update them to
/// their values. Checked when connecting.
/// </summary>
public sealed partial class DistributedOptions
{
    /// <summary>
    /// Names the queue: callers and workers with the same name share tasks. Letters, digits, <c>-</c> and
    /// <c>_</c>; default <c>multiproc</c>. The server holds streams <c>MP_&lt;name&gt;_TASKS</c> and <c>MP_&lt;name&gt;_RESULTS</c>.
    /// </summary>
    public string QueueName { get; init; } = "multiproc";

    /// <summary>The user name, when the server requires user and password (also accepted as <c>nats://user:password@host</c>).</summary>
    public string? Username { get; init; }

    /// <summary>The password that goes with <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The authorization token, when the server requires one.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// How long a worker may hold a task without a sign of life before the server gives it to another worker
    /// (JetStream's <c>AckWait</c>). Workers report progress every third of it while a task runs, so a long task
    /// is not run twice; a worker that died is noticed after about this long. Default 30 seconds.
    /// </summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a task may be delivered before it fails with <see cref="DistributedTaskFailure.DeliveryLimitReached"/>
    /// (each time, the process running it died). Default 5.
    /// </summary>
    public int MaxDeliveries { get; init; } = 5;

    /// <summary>
    /// How many tasks the queue holds at most; a caller submitting more waits for room (back-pressure).
    /// A task is one <c>ApplyAsync</c> or one chunk of a map. Default 100,000.
    /// </summary>
    public int MaxQueuedTasks { get; init; } = 100_000;

    /// <summary>
    /// How long a queued task stays runnable: a task older than this (its caller died, or no worker came)
    /// is not run and fails with <see cref="DistributedTaskFailure.Expired"/>. Default one day.
    /// </summary>
    public TimeSpan TaskTimeToLive { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long the server keeps a result no caller has read (a caller that died never reads its results).
    /// Default one hour.
    /// </summary>
    public TimeSpan ResultTimeToLive { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long one item may run on a worker before its child process is killed and the item fails with
    /// <see cref="TimeoutException"/> (the local pool's <see cref="PoolOptions.TaskTimeout"/>); null for no limit.
    /// </summary>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>How long connecting may take before <see cref="DistributedPool.ConnectAsync"/> fails. Default 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    internal void Validate()
    {
        if (string.IsNullOrEmpty(QueueName) || QueueName.Length > 64 || !QueueNamePattern().IsMatch(QueueName))
        {
            throw new ArgumentOutOfRangeException(nameof(QueueName), QueueName, "DistributedOptions.QueueName must be 1-64 letters, digits, '-' or '_'.");
        }

        CheckPositive(AckWait, nameof(AckWait));
        CheckPositive(TaskTimeToLive, nameof(TaskTimeToLive));
        CheckPositive(ResultTimeToLive, nameof(ResultTimeToLive));
        CheckPositive(ConnectTimeout, nameof(ConnectTimeout));
        if (TaskTimeout is TimeSpan timeout)
        {
            CheckPositive(timeout, nameof(TaskTimeout));
        }

        if (MaxDeliveries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDeliveries), MaxDeliveries, "DistributedOptions.MaxDeliveries must be at least 1.");
        }

        if (MaxQueuedTasks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQueuedTasks), MaxQueuedTasks, "DistributedOptions.MaxQueuedTasks must be at least 1.");
        }

        if (Password is not null && Username is null)
        {
            throw new ArgumentException("DistributedOptions.Password is set without a Username.", nameof(Password));
        }
    }

    private static void CheckPositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"DistributedOptions.{name} must be positive.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex QueueNamePattern();
}
