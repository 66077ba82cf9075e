using System.Buffers.Binary;
using System.Diagnostics;
using Multiproc.Interop;
using Multiproc.Pools;
using Multiproc.Processes;

namespace Multiproc;

/// <content>
/// The worker side of the pool: one slot thread per worker starts it, reads its result batches, and on end
/// of stream reaps it, fails the item it died in (or was killed for), re-queues the rest and replaces it;
/// the watchdog enforces per-item timeouts.
/// </content>
public sealed partial class Pool
{
    /// <summary>The body of a slot thread: start a worker, serve it, replace it when it exits, until the pool ends.</summary>
    private void RunSlot(object? state)
    {
        int slot = (int)state!;
        bool first = true;
        int failures = 0, kills = 0;
        while (true)
        {
            PoolWorker? worker = null;
            try
            {
                worker = StartWorker(slot);
            }
            catch (ProcessStartException e) when (e.KilledDuringStart)
            {
                // Killed from outside while it started (an OOM killer, a supervisor, a test): no evidence against
                // the executable. Back off and start another while the pool still needs one.
                if (!BackOffAfterKill(ref kills, ref first))
                {
                    return;
                }

                continue;
            }
            catch (Exception e)
            {
                failures++;
                lock (_gate)
                {
                    bool give_up = first || failures >= 3;
                    if (give_up && _broken is null)
                    {
                        _broken = e;
                    }
                }

                if (first)
                {
                    _started.Signal();
                    return;
                }

                if (failures >= 3)
                {
                    FailEverything(e);
                    return;
                }

                Thread.Sleep(100 * failures);
                continue;
            }

            failures = 0;
            if (!first)
            {
                MultiprocLog.PoolWorkerReplaced(slot, worker.Pid, worker.Process.Name);
            }

            bool restart = Serve(worker, ref first, out bool killedBeforeReady);
            if (killedBeforeReady)
            {
                restart = BackOffAfterKill(ref kills, ref first);
            }
            else if (restart)
            {
                kills = 0;
            }

            if (!restart)
            {
                return;
            }
        }
    }

    /// <summary>
    /// After a worker was killed by a signal before it was ready: waits 10 ms, doubling per kill in a row up to
    /// 1 s, then says whether the slot should start another (false once the pool no longer needs workers).
    /// </summary>
    private bool BackOffAfterKill(ref int kills, ref bool first)
    {
        kills = Math.Min(kills + 1, 8);
        Thread.Sleep(Math.Min(1000, 10 << (kills - 1)));
        lock (_gate)
        {
            if (_state != PoolState.Terminated && _broken is null && (_state == PoolState.Running || _pending.First is not null || _openStreams > 0))
            {
                return true;
            }
        }

        if (first)
        {
            first = false;
            _started.Signal();
        }

        return false;
    }

    private PoolWorker StartWorker(int slot)
    {
        (int parentEnd, int workerEnd) = Libc.CreateSocketPair();
        int[] pair = [parentEnd, workerEnd];

        Interop.Libc.EnlargeBuffers(pair[0], 1 << 20);
        WorkerProgress? progress = null;
        int memfd = -1;
        try
        {
            progress = WorkerProgress.Create(out memfd);
            int number = Interlocked.Increment(ref s_workerCounter);
            Process<ValueTuple> process = Process.Create(WorkerHost.Target, new WorkerStart(pair[1], memfd, _initializer), new ProcessOptions { Name = $"PoolWorker-{number}", Daemon = true });
            process.Start();
            var worker = new PoolWorker(slot, pair[0], progress, process);
            lock (_gate)
            {
                _workers[slot] = worker;
                if (_state == PoolState.Terminated)
                {
                    KillWorker(worker);
                }
            }

            return worker;
        }
        catch
        {
            Libc.Close(pair[0]);
            progress?.Dispose();
            throw;
        }
        finally
        {
            Libc.Close(pair[1]);
            if (memfd >= 0)
            {
                Libc.Close(memfd);
            }
        }
    }

    /// <summary>Reads the worker's messages until it exits; returns whether the slot should start a replacement.</summary>
    private bool Serve(PoolWorker worker, ref bool first, out bool killedBeforeReady)
    {
        killedBeforeReady = false;
        var channel = new WorkerChannel(worker.Fd);
        try
        {
            ServeMessages(worker, channel, ref first);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of ours or a malformed frame: never let it end the slot thread (and the program).
            Console.Error.WriteLine($"Multiproc: pool worker pid {worker.Pid} broke the task protocol; killing it. {e}");
            lock (_gate)
            {
                KillWorker(worker);
            }
        }
        finally
        {
            worker.WaitForSends(_gate);
            channel.Dispose();
        }

        bool wasStarting;
        lock (_gate)
        {
            wasStarting = worker.State == WorkerState.Starting;
        }

        bool restart = OnWorkerExit(worker, out int exitCode);
        if (wasStarting && exitCode < 0 && worker.Kill is null)
        {
            // Killed by a signal from outside before it said Ready: not the executable's fault.
            killedBeforeReady = true;
            return restart;
        }

        if (first)
        {
            // Exited on its own before it was ready (and without an initializer error).
            first = false;
            lock (_gate)
            {
                _broken ??= new ProcessStartException($"Pool worker pid {worker.Pid} exited on its own with code {exitCode} before it was ready, so no worker can be expected to start.");
            }

            _started.Signal();
            return false;
        }

        return restart;
    }

    /// <summary>Handles the worker's frames until its channel ends.</summary>
    private void ServeMessages(PoolWorker worker, WorkerChannel channel, ref bool first)
    {
        while (true)
        {
            if (!channel.TryTakeFrame(out WorkerMessage kind, out ReadOnlyMemory<byte> payload))
            {
                if (!channel.ReceiveMore())
                {
                    break;
                }

                continue;
            }

            switch (kind)
            {
                case WorkerMessage.Ready:
                    lock (_gate)
                    {
                        if (worker.State == WorkerState.Starting)
                        {
                            worker.State = WorkerState.Ready;
                        }

                        Pump();
                    }

                    if (first)
                    {
                        first = false;
                        _started.Signal();
                    }

                    break;
                case WorkerMessage.InitializerFailed:
                    RemoteException remote = ChildOutcome.DecodeException(payload.ToArray());
                    var error = new InvalidOperationException($"The pool's initializer {_initializer?.Target.Name} failed in worker pid {worker.Pid}: {remote.Message}", remote);
                    lock (_gate)
                    {
                        _broken ??= error;
                    }

                    if (first)
                    {
                        first = false;
                        _started.Signal();
                    }
                    else
                    {
                        FailEverything(error);
                    }

                    break;
                case WorkerMessage.Results:
                    Deliver(worker, payload.Span);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected message {kind} from a pool worker.");
            }
        }
    }

    private void Deliver(PoolWorker worker, ReadOnlySpan<byte> payload)
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(payload);
        lock (_gate)
        {
            worker.TakeAnswers(count);
            Pump();
        }

        int position = 4;
        foreach ((WorkUnit unit, int from, int run) in worker.Answers)
        {
            PoolJob job = unit.Job;
            bool skip = job.IsCompleted;
            for (int k = from; k < from + run; k++)
            {
                var status = (ItemStatus)payload[position];
                int length = BinaryPrimitives.ReadInt32LittleEndian(payload[(position + 1)..]);
                ReadOnlySpan<byte> data = payload.Slice(position + 5, length);
                position += 5 + length;
                if (skip)
                {
                    continue;
                }

                if (status == ItemStatus.Returned)
                {
                    job.SetResult(unit.JobIndex + k, data);
                }
                else
                {
                    job.SetError(unit.JobIndex + k, ChildOutcome.DecodeException(data.ToArray()));
                }
            }

            if (!skip)
            {
                job.ItemsDone(run);
                job.AfterBatch();
            }
        }
    }

    /// <summary>
    /// The worker's channel ended: reap it, fail the item it died in (or the one it was killed for), re-queue
    /// the rest of what it held, and say whether to replace it.
    /// </summary>
    private bool OnWorkerExit(PoolWorker worker, out int exitCode)
    {
        worker.Process.Join();
        exitCode = worker.Process.ExitCode ?? 0;
        worker.Process.Close();
        var failures = new List<(PoolJob Job, int Index, Exception Error)>();
        bool restart;
        lock (_gate)
        {
            worker.State = WorkerState.Exited;
            _workers[worker.Slot] = null;
            long started = worker.Progress.Started;
            long finished = worker.Progress.Finished;
            worker.Progress.Dispose();
            long doneButLost = finished - worker.Answered;
            bool inProgress = started > finished;
            long index = 0;
            var requeue = new List<WorkUnit>();
            bool firstUnit = true;
            foreach (WorkUnit unit in worker.Held)
            {
                int from = firstUnit ? worker.HeadAnswered : 0;
                firstUnit = false;
                int runStart = -1;
                for (int k = from; k < unit.Count; k++, index++)
                {
                    Exception? error = null;
                    bool skip = unit.Job.IsCompleted;
                    if (!skip && worker.Kill is { } kill && kill.Covers(unit, k))
                    {
                        error = kill.Error;
                    }
                    else if (!skip && worker.Kill is null && inProgress && index == doneButLost)
                    {
                        error = new WorkerDiedException(DescribeDeath(worker, exitCode, unit), exitCode, worker.Pid);
                    }

                    if (skip || error is not null)
                    {
                        if (error is not null)
                        {
                            failures.Add((unit.Job, unit.JobIndex + k, error));
                        }

                        if (runStart >= 0)
                        {
                            requeue.Add(Slice(unit, runStart, k));
                            runStart = -1;
                        }
                    }
                    else if (runStart < 0)
                    {
                        runStart = k;
                    }
                }

                if (runStart >= 0)
                {
                    requeue.Add(Slice(unit, runStart, unit.Count));
                }
            }

            for (int i = requeue.Count - 1; i >= 0; i--)
            {
                _pending.AddFirst(requeue[i]);
            }

            restart = _state != PoolState.Terminated && _broken is null && (_state == PoolState.Running || _pending.First is not null || _openStreams > 0);
            Pump();
        }

        foreach ((PoolJob job, int jobIndex, Exception error) in failures)
        {
            job.SetError(jobIndex, error);
            job.ItemsDone(1);
            job.AfterBatch();
        }

        if (restart && exitCode != 0)
        {
            MultiprocLog.PoolWorkerDied(worker.Pid, worker.Process.Name, exitCode);
        }

        return restart;
    }

    private static WorkUnit Slice(WorkUnit unit, int from, int to) =>
        from == 0 && to == unit.Count ? unit : new WorkUnit(unit.Job, unit.JobIndex + from, unit.Args, unit.ArgStart + from, to - from);

    private static string DescribeDeath(PoolWorker worker, int exitCode, WorkUnit unit)
    {
        string how = exitCode < 0
            ? $"was killed by signal {-exitCode} ({SignalName(-exitCode)})"
            : $"exited with code {exitCode}";
        string hint = exitCode == -6 ? " — an abort: Environment.FailFast, a stack overflow or a fatal runtime error" :
            exitCode == -9 ? " — SIGKILL: killed from outside, e.g. by the kernel's out-of-memory killer" : string.Empty;
        return $"The pool worker (pid {worker.Pid}) running {unit.Job.Target.Name} {how}{hint}. Only this task failed; the worker was replaced.";
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => "signal " + signal,
    };

    /// <summary>Fails every queued and held item (the pool can no longer run anything).</summary>
    private void FailEverything(Exception error)
    {
        var jobs = new HashSet<PoolJob>();
        lock (_gate)
        {
            foreach (WorkUnit unit in _pending)
            {
                jobs.Add(unit.Job);
            }

            _pending.Clear();
            foreach (PoolWorker? worker in _workers)
            {
                if (worker is not null)
                {
                    foreach (WorkUnit unit in worker.Held)
                    {
                        jobs.Add(unit.Job);
                    }

                    KillWorker(worker);
                }
            }
        }

        foreach (PoolJob job in jobs)
        {
            job.Abort(error);
        }
    }

    private void KillWorker(PoolWorker worker)
    {
        Debug.Assert(Monitor.IsEntered(_gate), "needs the lock");
        if (worker.State != WorkerState.Exited)
        {
            try
            {
                worker.Process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already reaped and closed.
            }
        }
    }

    private void EnsureWatchdog()
    {
        if (Volatile.Read(ref _watchdog) is not null)
        {
            return;
        }

        var timer = new Timer(static s => ((Pool)s!).Watch(), this, Timeout.Infinite, Timeout.Infinite);
        if (Interlocked.CompareExchange(ref _watchdog, timer, null) is null)
        {
            timer.Change(20, 20);
        }
        else
        {
            timer.Dispose();
        }
    }

    /// <summary>Every 20 ms while timeouts are in use: kill workers whose current item has run too long.</summary>
    private void Watch()
    {
        long now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (PoolWorker? worker in _workers)
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
                    worker.Kill = new KillReason(running.Unit.Job, running.Unit, running.Offset, new TimeoutException(
                        $"{running.Unit.Job.Target.Name} did not finish within {limit}; its worker (pid {worker.Pid}) was killed and replaced."));
                    KillWorker(worker);
                }
            }
        }
    }
}
