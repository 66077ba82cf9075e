using System.Diagnostics;

namespace Multiproc.Pools;

/// <summary>
/// The parent's view of one worker process: the units it holds in dispatch order (results come back in
/// that order), its progress page, and the bytes queued for its task channel. Everything but the reader
/// loop's receive buffer is guarded by the pool's lock.
/// </summary>
[DebuggerDisplay("worker pid={Pid} {State} held={Held.Count}")]
internal sealed class PoolWorker
{
    /// <summary>A worker whose last task took less than this is given several tasks at once.</summary>
    private static readonly long s_fastTicks = Stopwatch.Frequency / 500;

    /// <summary>Most units a fast worker holds.</summary>
    private const int MaxHeldUnits = 16;

    /// <summary>Most task bytes a worker holds beyond its first unit (a bound on unread data in the socket).</summary>
    private const int MaxHeldBytes = 1024 * 1024;

    private byte[] _out = new byte[16 * 1024];
    private byte[]? _spare;
    private int _outLength;
    private bool _sending;

    /// <summary>
    /// Set (under the pool lock) once the slot thread has seen the worker's channel end: nothing more is queued or sent
    /// on it, because the descriptor is about to be closed and its number may soon belong to another worker's socket.
    /// </summary>
    public bool ChannelClosing { get; private set; }
    private long _lastActivity;

    public PoolWorker(int slot, int fd, WorkerProgress progress, Process process)
    {
        Slot = slot;
        Fd = fd;
        Progress = progress;
        Process = process;
        Pid = process.Pid ?? 0;
    }

    public int Slot { get; }

    /// <summary>The parent's end of the task channel; closed by the slot thread only.</summary>
    public int Fd { get; }

    public WorkerProgress Progress { get; }

    public Process Process { get; }

    public int Pid { get; }

    public WorkerState State { get; set; } = WorkerState.Starting;

    /// <summary>Units sent and not fully answered, oldest first.</summary>
    public Queue<WorkUnit> Held { get; } = new();

    /// <summary>How many items of <c>Held.Peek()</c> have been answered.</summary>
    public int HeadAnswered { get; private set; }

    /// <summary>Items answered since the worker started (compare with <see cref="WorkerProgress"/>).</summary>
    public long Answered { get; private set; }

    public long HeldBytes { get; private set; }

    public int UnitsDispatched { get; private set; }

    /// <summary>Why the pool killed this worker on purpose (a timeout or a cancellation), or null.</summary>
    public KillReason? Kill { get; set; }

    /// <summary>The <see cref="WorkerProgress.Started"/> value the watchdog saw last, and when.</summary>
    public long ObservedStarted { get; set; }

    public long ObservedAt { get; set; }

    /// <summary>The last results batch as runs of consecutive items of one unit, in order; used by the slot thread only.</summary>
    public List<(WorkUnit Unit, int From, int Count)> Answers { get; } = [];

    private bool Fast { get; set; }

    /// <summary>Whether this worker should be given <paramref name="unit"/> now.</summary>
    public bool CanAccept(WorkUnit unit, int maxTasks)
    {
        if (State != WorkerState.Ready || ChannelClosing || (maxTasks > 0 && UnitsDispatched >= maxTasks))
        {
            return false;
        }

        return Held.Count == 0 || (Fast && Held.Count < MaxHeldUnits && HeldBytes + unit.FrameLength <= MaxHeldBytes);
    }

    /// <summary>Queues <paramref name="unit"/>'s task frame; <see cref="Flush"/> sends it.</summary>
    public void Append(WorkUnit unit)
    {
        if (Held.Count == 0)
        {
            _lastActivity = Stopwatch.GetTimestamp();
        }

        Held.Enqueue(unit);
        HeldBytes += unit.FrameLength;
        UnitsDispatched++;
        EnsureOut(unit.FrameLength);
        int written = TaskFrame.Encode(_out.AsSpan(_outLength), unit.Job.Target.Id, unit.Job.Target.SchemaHash, unit.Args, unit.ArgStart, unit.Count);
        Debug.Assert(written == unit.FrameLength, "frame length mismatch");
        _outLength += written;
    }

    /// <summary>
    /// Sends queued frames without blocking; what the socket does not take now is sent by a thread-pool
    /// item, so the caller (which holds the pool lock) never waits for the worker to read.
    /// </summary>
    public void Flush(object gate)
    {
        Debug.Assert(Monitor.IsEntered(gate), "Flush needs the pool lock");
        if (_outLength == 0 || _sending || State == WorkerState.Exited || ChannelClosing)
        {
            return;
        }

        int sent = Interop.Libc.SendNonBlocking(Fd, _out.AsSpan(0, _outLength));
        if (sent < 0)
        {
            // The worker is gone; the slot thread sees end of stream and re-queues what it held.
            _outLength = 0;
            return;
        }

        if (sent == _outLength)
        {
            _outLength = 0;
            return;
        }

        Buffer.BlockCopy(_out, sent, _out, 0, _outLength - sent);
        _outLength -= sent;
        _sending = true;
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.worker.SendInBackground(state.gate), (worker: this, gate), preferLocal: false);
    }

    /// <summary>Records that <paramref name="count"/> more items were answered; <see cref="Answers"/> says which.</summary>
    public void TakeAnswers(int count)
    {
        // Checked before anything is taken: a worker that breaks the protocol is killed, and everything it still
        // holds must then be re-queued, not lost with a half-taken answer.
        long outstanding = -HeadAnswered;
        foreach (WorkUnit held in Held)
        {
            outstanding += held.Count;
        }

        if (count > outstanding)
        {
            ThrowHelper.ThrowPoolWorkerSentMoreResultsThan();
        }

        Answers.Clear();
        int units = 0;
        int left = count;
        while (left > 0)
        {
            if (!Held.TryPeek(out WorkUnit? unit))
            {
                ThrowHelper.ThrowPoolWorkerSentMoreResultsThan();
            }

            int take = Math.Min(left, unit.Count - HeadAnswered);
            Answers.Add((unit, HeadAnswered, take));
            left -= take;
            HeadAnswered += take;
            if (HeadAnswered == unit.Count)
            {
                Held.Dequeue();
                HeldBytes -= unit.FrameLength;
                HeadAnswered = 0;
                units++;
            }
        }

        Answered += count;
        long now = Stopwatch.GetTimestamp();
        if (units > 0)
        {
            Fast = (now - _lastActivity) / units < s_fastTicks;
            _lastActivity = now;
        }
    }

    /// <summary>The unit and offset of the item the worker is running, or null between items.</summary>
    public (WorkUnit Unit, int Offset)? Running()
    {
        long started = Progress.Started;
        long finished = Progress.Finished;
        return started > finished ? Locate(started - 1 - Answered) : null;
    }

    /// <summary>The held item at <paramref name="index"/> (0 = the next answer due), or null.</summary>
    public (WorkUnit Unit, int Offset)? Locate(long index)
    {
        if (index < 0)
        {
            return null;
        }

        long skip = index + HeadAnswered;
        foreach (WorkUnit unit in Held)
        {
            if (skip < unit.Count)
            {
                return (unit, (int)skip);
            }

            skip -= unit.Count;
        }

        return null;
    }

    /// <summary>Kills the worker's process (SIGKILL) unless it has already exited; the slot thread then sees end of stream.</summary>
    public void KillProcess(object gate)
    {
        Debug.Assert(Monitor.IsEntered(gate), "KillProcess needs the pool lock");
        if (State != WorkerState.Exited)
        {
            try
            {
                Process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already reaped and closed.
            }
        }
    }

    /// <summary>Stops sending: the worker finishes what it holds, reads end of stream and exits with 0.</summary>
    public void Retire()
    {
        if (State is WorkerState.Ready or WorkerState.Starting)
        {
            State = WorkerState.Retiring;
            if (!_sending)
            {
                Interop.Libc.Shutdown(Fd, Interop.Libc.SHUT_WR);
            }
        }
    }

    /// <summary>
    /// Called once the worker's channel has ended: stops queuing and sending on it (<see cref="ChannelClosing"/>) and waits
    /// until no background send uses <see cref="Fd"/> any more, so the caller may close it.
    /// </summary>
    public void StopSending(object gate)
    {
        lock (gate)
        {
            ChannelClosing = true;
            while (_sending)
            {
                Monitor.Wait(gate, 50);
            }
        }
    }

    private void SendInBackground(object gate)
    {
        while (true)
        {
            byte[] chunk;
            int length;
            lock (gate)
            {
                if (_outLength == 0 || State == WorkerState.Exited || ChannelClosing)
                {
                    _sending = false;
                    if (State == WorkerState.Retiring)
                    {
                        Interop.Libc.Shutdown(Fd, Interop.Libc.SHUT_WR);
                    }

                    Monitor.PulseAll(gate);
                    return;
                }

                chunk = _out;
                length = _outLength;
                _out = _spare ?? new byte[chunk.Length];
                _spare = null;
                _outLength = 0;
            }

            bool ok = Interop.Libc.SendAll(Fd, chunk.AsSpan(0, length));
            lock (gate)
            {
                _spare = chunk;
                if (!ok)
                {
                    _outLength = 0;
                    _sending = false;
                    Monitor.PulseAll(gate);
                    return;
                }
            }
        }
    }

    private void EnsureOut(int more)
    {
        if (_out.Length - _outLength < more)
        {
            Array.Resize(ref _out, Math.Max(_outLength + more, _out.Length * 2));
        }
    }
}
