using System.Diagnostics;
using Multiproc.Interop;
using Multiproc.Processes;

namespace Multiproc.Pools;

/// <summary>
/// The pool's worker supervisor: one slot thread per worker starts it, reads its frames (handing result
/// frames to the <see cref="PoolScheduler"/>), and on end of stream reaps it, fails the item it died in (or
/// was killed for), re-queues the rest and starts a replacement — backing off when workers are killed from
/// outside while they start. It gives the "broken" verdict: the first worker cannot start, three starts in
/// a row fail, or the initializer throws; a broken pool runs nothing.
/// </summary>
[DebuggerDisplay("supervisor slots={_slotThreads.Length}")]
internal sealed class WorkerSupervisor : IDisposable
{
    private static int s_workerCounter;

    private readonly PoolScheduler _scheduler;
    private readonly PoolInitializer? _initializer;

    /// <summary>One thread per slot: starts the slot's worker, reads its results, replaces it when it exits.</summary>
    private readonly Thread[] _slotThreads;

    /// <summary>Counts down once per slot when its first worker is ready (or the slot gave up).</summary>
    private readonly CountdownEvent _started;

    public WorkerSupervisor(PoolScheduler scheduler, PoolInitializer? initializer)
    {
        _scheduler = scheduler;
        _initializer = initializer;
        _slotThreads = new Thread[scheduler.ProcessCount];
        _started = new CountdownEvent(scheduler.ProcessCount);
    }

    private object Gate => _scheduler.Gate;

    /// <summary>Starts every slot and blocks until each has a ready worker or gave up.</summary>
    /// <returns>Why the pool is broken, or null when every worker is ready.</returns>
    public Exception? Start()
    {
        for (int slot = 0; slot < _slotThreads.Length; slot++)
        {
            _slotThreads[slot] = new Thread(RunSlot) { IsBackground = true, Name = $"Multiproc pool slot {slot}" };
            _slotThreads[slot].Start(slot);
        }

        _started.Wait();
        lock (Gate)
        {
            return _scheduler.Broken;
        }
    }

    /// <summary>Blocks until every slot thread has ended (its last worker exited and was reaped).</summary>
    /// <param name="exceptCurrent">Skips the calling thread (a callback on a slot thread that terminates the pool).</param>
    public void Join(bool exceptCurrent)
    {
        foreach (Thread thread in _slotThreads)
        {
            if (exceptCurrent && (!thread.IsAlive || thread == Thread.CurrentThread))
            {
                continue;
            }

            thread.Join();
        }
    }

    public void Dispose() => _started.Dispose();

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
                lock (Gate)
                {
                    if (first || failures >= 3)
                    {
                        _scheduler.MarkBroken(e);
                    }
                }

                if (first)
                {
                    _started.Signal();
                    return;
                }

                if (failures >= 3)
                {
                    _scheduler.AbortEverything(e, terminate: false);
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
        lock (Gate)
        {
            if (_scheduler.NeedsWorkers)
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
        Libc.EnlargeBuffers(parentEnd, 1 << 20);
        WorkerProgress? progress = null;
        int memfd = -1;
        try
        {
            progress = WorkerProgress.Create(out memfd);
            int number = Interlocked.Increment(ref s_workerCounter);
            Process<ValueTuple> process = Process.Create(WorkerHost.Target, new WorkerStart(workerEnd, memfd, _initializer), new ProcessOptions { Name = $"PoolWorker-{number}", Daemon = true });
            process.Start();
            var worker = new PoolWorker(slot, parentEnd, progress, process);
            lock (Gate)
            {
                _scheduler.Workers[slot] = worker;
                if (_scheduler.State == PoolState.Terminated)
                {
                    worker.KillProcess(Gate);
                }
            }

            return worker;
        }
        catch
        {
            Libc.Close(parentEnd);
            progress?.Dispose();
            throw;
        }
        finally
        {
            Libc.Close(workerEnd);
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
            lock (Gate)
            {
                worker.KillProcess(Gate);
            }
        }
        finally
        {
            worker.StopSending(Gate);
            channel.Dispose();
        }

        bool wasStarting;
        lock (Gate)
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
            lock (Gate)
            {
                _scheduler.MarkBroken(ThrowHelper.CreatePoolWorkerPidExitedOwnCode(worker.Pid, exitCode));
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
                    lock (Gate)
                    {
                        if (worker.State == WorkerState.Starting)
                        {
                            worker.State = WorkerState.Ready;
                        }

                        _scheduler.Pump();
                    }

                    if (first)
                    {
                        first = false;
                        _started.Signal();
                    }

                    break;
                case WorkerMessage.InitializerFailed:
                    RemoteException remote = ChildOutcome.DecodeException(payload.ToArray());
                    var error = ThrowHelper.CreatePoolInitializerFailedWorkerPid(_initializer?.Target.Name, worker.Pid, remote.Message, remote);
                    lock (Gate)
                    {
                        _scheduler.MarkBroken(error);
                    }

                    if (first)
                    {
                        first = false;
                        _started.Signal();
                    }
                    else
                    {
                        _scheduler.AbortEverything(error, terminate: false);
                    }

                    break;
                case WorkerMessage.Results:
                    _scheduler.Deliver(worker, payload.Span);
                    break;
                default:
                    throw ThrowHelper.CreateUnexpectedMessagePoolWorker(kind);
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
        lock (Gate)
        {
            worker.State = WorkerState.Exited;
            _scheduler.Workers[worker.Slot] = null;
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

            _scheduler.Requeue(requeue);
            restart = _scheduler.NeedsWorkers;
            _scheduler.Pump();
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
}
