using System.Diagnostics;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc.Pools;

/// <summary>
/// The pool's scheduler: the queue of work units waiting for a worker, chunking of submitted work, dispatch
/// to workers that can take more (<see cref="Pump"/>), delivery of result frames to their jobs, cancellation
/// and per-item timeouts (the watchdog), and the pool's life-cycle state. Its lock (<see cref="Gate"/>)
/// guards everything the pool shares between threads; <see cref="WorkerSupervisor"/> takes it too.
/// </summary>
[DebuggerDisplay("scheduler state={State} pending={_pending.Count}")]
internal sealed class PoolScheduler
{
    /// <summary>Items encoded and queued at a time by a map (rounded to whole chunks).</summary>
    private const int MapBlockItems = 8192;

    /// <summary>A token's callback: cancel the job (state is <c>(PoolScheduler, PoolJob, CancellationToken)</c>).</summary>
    private static readonly Action<object?> s_onCanceled = static state =>
    {
        var (scheduler, job, token) = ((PoolScheduler, PoolJob, CancellationToken))state!;
        scheduler.CancelJob(job, ThrowHelper.CreateTaskCanceled(token));
    };

    /// <summary>Units waiting for a worker, in submission order (re-queued units go to the front).</summary>
    private readonly LinkedList<WorkUnit> _pending = new();

    private readonly int _maxTasksPerChild;
    private PoolState _state;
    private Exception? _broken;
    private Timer? _watchdog;
    private int _roundRobin;

    /// <summary>Imap iterations in progress: they may still queue items after <see cref="Close"/>, as Python's may.</summary>
    private int _openStreams;

    public PoolScheduler(int processCount, int maxTasksPerChild, TimeSpan? taskTimeout)
    {
        ProcessCount = processCount;
        _maxTasksPerChild = maxTasksPerChild;
        TaskTimeout = taskTimeout;
        Workers = new PoolWorker?[processCount];
    }

    /// <summary>Guards the queue, the workers and the state.</summary>
    public object Gate { get; } = new();

    /// <summary>How many worker slots the pool has.</summary>
    public int ProcessCount { get; }

    /// <summary>The pool's default per-item timeout, or null.</summary>
    public TimeSpan? TaskTimeout { get; }

    /// <summary>The live workers, one per slot (null while a slot is starting a replacement); under <see cref="Gate"/>.</summary>
    public PoolWorker?[] Workers { get; }

    /// <summary>The life-cycle state (read without the lock only for display).</summary>
    public PoolState State => _state;

    /// <summary>Why the pool runs nothing any more (set once by <see cref="MarkBroken"/>), or null; under <see cref="Gate"/>.</summary>
    public Exception? Broken => _broken;

    /// <summary>Whether the slots should (re)start workers: the pool still runs, or has queued or streaming work; under <see cref="Gate"/>.</summary>
    public bool NeedsWorkers
    {
        get
        {
            Debug.Assert(Monitor.IsEntered(Gate), "needs the lock");
            return _state != PoolState.Terminated && _broken is null && (_state == PoolState.Running || _pending.First is not null || _openStreams > 0);
        }
    }

    /// <summary>Python's default chunk size: ceil(n / (4 × processes)), at least 1.</summary>
    public int DefaultChunkSize(int count) => Math.Max(1, (count + (4 * ProcessCount) - 1) / (4 * ProcessCount));

    /// <summary>
    /// Encodes <paramref name="items"/> and queues them as units of <paramref name="chunkSize"/> items, in blocks
    /// of whole chunks, so workers start on the first block while the rest is encoded.
    /// </summary>
    public void SubmitMap<TArgs>(PoolJob job, WireWrite<TArgs> write, IReadOnlyList<TArgs> items, int chunkSize)
    {
        int count = items.Count;
        int block = Math.Max(chunkSize, (MapBlockItems / chunkSize) * chunkSize);
        for (int first = 0; first < count; first += block)
        {
            int blockCount = Math.Min(block, count - first);
            ArgBlock args = ArgBlock.Encode(write, items, first, blockCount);
            SubmitChunks(job, args, first, blockCount, chunkSize);
        }
    }

    /// <summary>
    /// Queues the <paramref name="count"/> items of <paramref name="args"/> (job indexes from
    /// <paramref name="jobIndex"/>) as units of <paramref name="chunkSize"/> items and dispatches what it can.
    /// <paramref name="continuing"/> marks an imap that began before <see cref="Close"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pool is closed, terminated or broken.</exception>
    public void SubmitChunks(PoolJob job, ArgBlock args, int jobIndex, int count, int chunkSize, bool continuing = false)
    {
        lock (Gate)
        {
            if (!continuing || _state != PoolState.Closed || _broken is not null)
            {
                ThrowIfNotRunningLocked();
            }

            for (int start = 0; start < count; start += chunkSize)
            {
                _pending.AddLast(new WorkUnit(job, jobIndex + start, args, start, Math.Min(chunkSize, count - start)));
            }

            Pump();
        }

        if (job.ItemTimeout is not null)
        {
            EnsureWatchdog();
        }
    }

    /// <summary>Cancels <paramref name="job"/> when <paramref name="cancellationToken"/> fires before <paramref name="completion"/> ends.</summary>
    public void WatchCancellation(PoolJob job, Task completion, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        CancellationTokenRegistration registration = cancellationToken.Register(s_onCanceled, (this, job, cancellationToken));
        completion.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Registers <paramref name="cancellationToken"/> to cancel a streaming job; dispose the registration when the stream ends.</summary>
    public CancellationTokenRegistration RegisterCancellation(PoolJob job, CancellationToken cancellationToken) =>
        cancellationToken.Register(s_onCanceled, (this, job, cancellationToken));

    /// <summary>An imap iteration begins: it may queue items after <see cref="Close"/> until <see cref="EndStream"/>.</summary>
    /// <exception cref="InvalidOperationException">The pool is closed, terminated or broken.</exception>
    public void BeginStream()
    {
        lock (Gate)
        {
            ThrowIfNotRunningLocked();
            _openStreams++;
        }
    }

    /// <summary>An imap iteration ended (completed, failed or abandoned).</summary>
    public void EndStream()
    {
        lock (Gate)
        {
            _openStreams--;
            Pump();
        }
    }

    /// <summary>Fails <paramref name="job"/> with <paramref name="error"/>; kills workers running its items.</summary>
    public void CancelJob(PoolJob job, Exception error)
    {
        lock (Gate)
        {
            RemovePending(job);
            foreach (PoolWorker? worker in Workers)
            {
                if (worker is { State: WorkerState.Ready or WorkerState.Retiring } && worker.Kill is null && worker.Running() is { } running && running.Unit.Job == job)
                {
                    worker.Kill = new KillReason(job, null, 0, error);
                    worker.KillProcess(Gate);
                }
            }
        }

        job.Abort(error);
    }

    /// <summary>The consumer stopped iterating: drop the job's queued items; running ones finish unseen.</summary>
    public void AbandonJob(PoolJob job)
    {
        lock (Gate)
        {
            RemovePending(job);
        }

        job.Abort(ThrowHelper.CreateIterationAbandoned("imap"));
    }

    /// <summary>Python's <c>close()</c>: no new work; workers retire once the queue is drained.</summary>
    public void Close()
    {
        lock (Gate)
        {
            if (_state == PoolState.Running)
            {
                _state = PoolState.Closed;
                Pump();
            }
        }
    }

    /// <summary>Whether the pool still accepts work (then it cannot be joined).</summary>
    public bool IsRunning()
    {
        lock (Gate)
        {
            return _state == PoolState.Running;
        }
    }

    /// <summary>
    /// Fails every queued and held item with <paramref name="error"/> and kills every worker. With
    /// <paramref name="terminate"/>, the pool becomes <see cref="PoolState.Terminated"/> first (and a second
    /// call does nothing); without, the pool is broken and its state stays as it is.
    /// </summary>
    public void AbortEverything(Exception error, bool terminate)
    {
        var jobs = new HashSet<PoolJob>();
        lock (Gate)
        {
            if (terminate)
            {
                if (_state == PoolState.Terminated)
                {
                    return;
                }

                _state = PoolState.Terminated;
            }

            foreach (WorkUnit unit in _pending)
            {
                jobs.Add(unit.Job);
            }

            _pending.Clear();
            foreach (PoolWorker? worker in Workers)
            {
                if (worker is not null)
                {
                    foreach (WorkUnit unit in worker.Held)
                    {
                        jobs.Add(unit.Job);
                    }

                    worker.KillProcess(Gate);
                }
            }
        }

        foreach (PoolJob job in jobs)
        {
            job.Abort(error);
        }
    }

    /// <summary>Records why the pool can run nothing; the first reason wins. Under <see cref="Gate"/>.</summary>
    public void MarkBroken(Exception reason)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "needs the lock");
        _broken ??= reason;
    }

    /// <summary>Puts units a dead worker held back at the front of the queue, in their order. Under <see cref="Gate"/>.</summary>
    public void Requeue(List<WorkUnit> units)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "needs the lock");
        for (int i = units.Count - 1; i >= 0; i--)
        {
            _pending.AddFirst(units[i]);
        }
    }

    /// <summary>
    /// Hands a results frame's items (<paramref name="payload"/>: what follows the kind byte) to their jobs, in dispatch order; the worker may take more work at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The frame is malformed or answers more items than the worker holds.</exception>
    public void Deliver(PoolWorker worker, ReadOnlySpan<byte> payload)
    {
        if (!ResultFrame.TryDecode(WorkerMessage.Results, payload, out ResultFrame frame))
        {
            ThrowHelper.ThrowMalformedResultsFrameBytesPoolWorker(payload.Length);
        }

        lock (Gate)
        {
            worker.TakeAnswers(frame.Count);
            Pump();
        }

        ResultFrame.Enumerator items = frame.GetEnumerator();
        foreach ((WorkUnit unit, int from, int run) in worker.Answers)
        {
            PoolJob job = unit.Job;
            bool skip = job.IsCompleted;
            for (int k = from; k < from + run; k++)
            {
                items.MoveNext();
                if (skip)
                {
                    continue;
                }

                if (items.Status == ItemStatus.Returned)
                {
                    job.SetResult(unit.JobIndex + k, items.Data);
                }
                else
                {
                    job.SetError(unit.JobIndex + k, ChildOutcome.DecodeException(items.Data.ToArray()));
                }
            }

            if (!skip)
            {
                job.ItemsDone(run);
                job.AfterBatch();
            }
        }
    }

    /// <summary>Hands queued units to workers that can take them (round robin, one unit per worker per pass), then sends.</summary>
    public void Pump()
    {
        Debug.Assert(Monitor.IsEntered(Gate), "needs the lock");
        if (_state == PoolState.Terminated || _broken is not null)
        {
            return;
        }

        int n = Workers.Length;
        bool any = true;
        while (any && _pending.First is not null)
        {
            any = false;
            for (int i = 0; i < n && _pending.First is not null; i++)
            {
                PoolWorker? worker = Workers[(_roundRobin + i) % n];
                if (worker is null)
                {
                    continue;
                }

                WorkUnit unit = _pending.First.Value;
                if (unit.Job.IsCompleted)
                {
                    _pending.RemoveFirst();
                    any = true;
                    continue;
                }

                if (worker.CanAccept(unit, _maxTasksPerChild))
                {
                    _pending.RemoveFirst();
                    worker.Append(unit);
                    any = true;
                }
            }
        }

        _roundRobin++;
        foreach (PoolWorker? worker in Workers)
        {
            if (worker is null)
            {
                continue;
            }

            worker.Flush(Gate);
            bool spent = _maxTasksPerChild > 0 && worker.UnitsDispatched >= _maxTasksPerChild;
            bool drained = _state == PoolState.Closed && _pending.First is null && _openStreams == 0;
            if (worker.Held.Count == 0 && worker.State == WorkerState.Ready && (spent || drained))
            {
                worker.Retire();
            }
        }
    }

    /// <exception cref="InvalidOperationException">The pool is closed, terminated or broken.</exception>
    public void ThrowIfNotRunning()
    {
        lock (Gate)
        {
            ThrowIfNotRunningLocked();
        }
    }

    /// <summary>Starts the per-item timeout watchdog, once.</summary>
    public void EnsureWatchdog()
    {
        if (Volatile.Read(ref _watchdog) is not null)
        {
            return;
        }

        var timer = new Timer(static s => ((PoolScheduler)s!).Watch(), this, Timeout.Infinite, Timeout.Infinite);
        if (Interlocked.CompareExchange(ref _watchdog, timer, null) is null)
        {
            timer.Change(20, 20);
        }
        else
        {
            timer.Dispose();
        }
    }

    /// <summary>Stops the watchdog (the workers are gone).</summary>
    public void StopWatchdog() => Volatile.Read(ref _watchdog)?.Dispose();

    private void ThrowIfNotRunningLocked()
    {
        if (_broken is not null)
        {
            ThrowHelper.ThrowPoolBrokenRunsNothing(_broken.Message, _broken);
        }

        if (_state != PoolState.Running)
        {
            if (_state == PoolState.Closed)
            {
                ThrowHelper.ThrowPoolNotRunningClosedNoNew();
            }

            ThrowHelper.ThrowPoolNotRunningTerminated();
        }
    }

    private void RemovePending(PoolJob job)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "needs the lock");
        for (LinkedListNode<WorkUnit>? node = _pending.First; node is not null;)
        {
            LinkedListNode<WorkUnit>? next = node.Next;
            if (node.Value.Job == job)
            {
                _pending.Remove(node);
            }

            node = next;
        }
    }

    /// <summary>Every 20 ms while timeouts are in use: kill workers whose current item has run too long.</summary>
    private void Watch()
    {
        long now = Stopwatch.GetTimestamp();
        lock (Gate)
        {
            foreach (PoolWorker? worker in Workers)
            {
                if (worker is not { State: WorkerState.Ready or WorkerState.Retiring } || worker.Kill is not null || worker.Held.Count == 0)
                {
                    continue;
                }

                long started = worker.Progress.Started;
                if (started != worker.ObservedStarted)
                {
                    worker.ObservedStarted = started;
                    worker.ObservedAt = now;
                    continue;
                }

                if (worker.Running() is { } running && running.Unit.Job.ItemTimeout is TimeSpan limit &&
                    Stopwatch.GetElapsedTime(worker.ObservedAt, now) > limit)
                {
                    MultiprocLog.TaskTimedOut(running.Unit.Job.Target.Name, running.Unit.JobIndex + running.Offset, limit, worker.Pid);
                    worker.Kill = new KillReason(running.Unit.Job, running.Unit, running.Offset, ThrowHelper.CreateDidNotFinishWithinWorkerPid(running.Unit.Job.Target.Name, limit, worker.Pid));
                    worker.KillProcess(Gate);
                }
            }
        }
    }
}
