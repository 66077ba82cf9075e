using Multiproc.Distributed.Tests.Infrastructure;
using Targets = Multiproc.Tests.DistributedTargets.Targets;

namespace Multiproc.Distributed.Tests;

/// <summary>Guarantee 5: cancellation of a queued task, of a running task (its child is killed), and racing completion.</summary>
public sealed class CancellationTests : DistributedTest
{
    [NatsFact]
    public async Task CancelQueuedTask_RemovesItFromTheQueue_ItNeverRuns()
    {
        string touched = PathFor("touched");
        await using DistributedPool pool = await ConnectAsync();
        using var cancel = new CancellationTokenSource();
        Task<int> apply = pool.ApplyAsync(Targets.Touch, touched, cancellationToken: cancel.Token);
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 1, "the task to be queued");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the cancelled task to leave the queue");
        StartNode();
        Assert.Equal(4, await pool.ApplyAsync(Targets.Square, 2));
        Assert.False(File.Exists(touched));
    }

    [NatsFact]
    public async Task CancelRunningTask_KillsItsChild_NodeCarriesOn()
    {
        string marker = PathFor("started");
        WorkerNodeProcess node = StartNode();
        await using DistributedPool pool = await ConnectAsync();
        using var cancel = new CancellationTokenSource();
        Task<int> apply = pool.ApplyAsync(Targets.StartThenHang, marker, cancellationToken: cancel.Token);
        WaitFor(() => File.Exists(marker) && File.ReadAllText(marker).Length > 0, "the task to start");
        int child = int.Parse(File.ReadAllText(marker), System.Globalization.CultureInfo.InvariantCulture);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
        WaitFor(() => !Signals.IsAlive(child), "the child running the cancelled task to be killed");
        Assert.False(node.HasExited);
        Assert.Equal(81, await pool.ApplyAsync(Targets.Square, 9));
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the queue to empty");
    }

    [NatsFact]
    public async Task CancelRacingCompletion_EachTaskEndsOnce_EitherWay()
    {
        StartNode(processes: 2);
        await using DistributedPool pool = await ConnectAsync();
        var tasks = new List<(Task<int> Task, CancellationTokenSource Cancel)>();
        for (int i = 0; i < 40; i++)
        {
            var cancel = new CancellationTokenSource();
            tasks.Add((pool.ApplyAsync(Targets.SleepThenReturn, (i % 4, i), cancellationToken: cancel.Token), cancel));
            cancel.CancelAfter(i % 8);
        }

        int completed = 0;
        int cancelled = 0;
        for (int i = 0; i < tasks.Count; i++)
        {
            try
            {
                Assert.Equal(i, await tasks[i].Task.WaitAsync(TimeSpan.FromSeconds(60)));
                completed++;
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }

            tasks[i].Cancel.Dispose();
        }

        Assert.Equal(40, completed + cancelled);
        Assert.Equal(16, await pool.ApplyAsync(Targets.Square, 4));
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "every task to leave the queue");
    }

    [NatsFact]
    public async Task ImapAbandoned_ItsQueuedTasksAreRemoved()
    {
        StartNode();
        await using DistributedPool pool = await ConnectAsync();
        var taken = new List<int>();
        foreach (int value in pool.Imap(Targets.SleepThenReturn, Enumerable.Range(0, 1000).Select(i => (20, i))))
        {
            taken.Add(value);
            if (taken.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([0, 1, 2], taken);
        WaitFor(() => QueueProbe.QueuedTasks(pool) == 0, "the abandoned imap's tasks to leave the queue");
        Assert.Equal(1, await pool.ApplyAsync(Targets.Square, 1));
    }
}
