using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A barrier for a fixed number of parties across processes, mirroring Python's
/// <c>multiprocessing.Barrier(parties, action=None, timeout=None)</c>: each <see cref="Wait"/> blocks until
/// <see cref="Parties"/> waits have begun, then all return, each with a distinct index (exactly one gets 0).
/// A timed-out wait, <see cref="Abort"/> or a throwing action breaks it for everyone
/// (<see cref="BrokenBarrierException"/>) until <see cref="Reset"/>.
/// </summary>
/// <remarks>
/// The action cannot travel between processes (it is a delegate): it runs once per pass, in the last
/// process to arrive, if that process's handle has one. A handle re-attached in a child has none until
/// <see cref="SetAction"/> gives it one. Named so that it does not collide with <see cref="System.Threading.Barrier"/>.
/// </remarks>
[DebuggerDisplay("ProcessBarrier ({WaitingCount}/{Parties})")]
public sealed unsafe partial class ProcessBarrier : IDisposable, IWireSerializable<ProcessBarrier>
{
    private const int Filling = 0;
    private const int Draining = 1;
    private const int Resetting = -1;
    private const int Broken = -2;
    private const int NotArrived = -1;
    private static readonly long StateSize = sizeof(BarrierState);

    private readonly SharedRegion _region;
    private Action? _action;
    private AsyncWordWatcher? _watcher;

    /// <summary>Creates a barrier (Python's <c>Barrier(parties, action=None, timeout=None)</c>). Does not block.</summary>
    /// <param name="parties">How many waits make a pass; at least 1.</param>
    /// <param name="action">Run once per pass by the last arrival (in this process only; see remarks).</param>
    /// <param name="timeout">The default timeout of <see cref="Wait"/>; null for none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parties"/> is less than 1.</exception>
    public ProcessBarrier(int parties, Action? action = null, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 1);
        Futex.DeadlineFrom(timeout);
        _region = SharedRegion.Allocate(SharedObjectKind.Barrier, StateSize);
        _action = action;
        State->Parties = parties;
        State->TimeoutTicks = timeout is TimeSpan t && t != Timeout.InfiniteTimeSpan ? t.Ticks : -1;
    }

    private ProcessBarrier(SharedRegion region) => _region = region;

    /// <summary>What a wait does after a <see cref="Step"/>.</summary>
    private enum BarrierStep
    {
        /// <summary>Passed; the index is the result.</summary>
        Done,

        /// <summary>Not arrived: wait (without a deadline) for the previous pass to drain or a reset to finish.</summary>
        AwaitTurn,

        /// <summary>Arrived: wait (until the deadline) for the pass.</summary>
        AwaitPass,

        /// <summary>Cancelled (after breaking the barrier if this wait had arrived).</summary>
        Cancelled,
    }

    /// <summary>How many waits make a pass (Python's <c>parties</c>).</summary>
    public int Parties => State->Parties;

    /// <summary>How many are waiting now (Python's <c>n_waiting</c>).</summary>
    public int WaitingCount => Volatile.Read(ref State->Phase) == Filling ? Volatile.Read(ref State->Count) : 0;

    /// <summary>True when broken (Python's <c>broken</c>).</summary>
    public bool IsBroken => Volatile.Read(ref State->Phase) == Broken;

    /// <summary>Describes the barrier: parties, waiting count and whether it is broken, like Python's <c>&lt;Barrier(parties, n_waiting, broken)&gt;</c>.</summary>
    /// <returns>For example <c>&lt;ProcessBarrier(parties=3, waiting=1, broken=False) mp_…&gt;</c>.</returns>
    public override string ToString() =>
        _region.Describe(nameof(ProcessBarrier), () => $"parties={Parties}, waiting={WaitingCount}, broken={(IsBroken ? "True" : "False")}");

    private BarrierState* State => (BarrierState*)_region.State;

    /// <summary>Sets (or clears) the action this process runs when it is the last to arrive.</summary>
    /// <param name="action">The action, or null.</param>
    public void SetAction(Action? action)
    {
        _region.EnsureOpen();
        _action = action;
    }

    /// <summary>
    /// Waits until <see cref="Parties"/> waits have begun (Python's <c>wait(timeout=None)</c>). Blocks.
    /// </summary>
    /// <param name="timeout">The longest wait; null uses the barrier's default timeout.</param>
    /// <returns>This wait's arrival index, 0 to <see cref="Parties"/> - 1.</returns>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken, or was reset, or the wait timed out.</exception>
    public int Wait(TimeSpan? timeout = null)
    {
        BarrierState* s = (BarrierState*)_region.Enter();
        try
        {
            long deadline = DeadlineOf(timeout);
            int index = NotArrived;
            bool timedOut = false;
            while (true)
            {
                switch (Step(ref index, timedOut, cancelled: false, out int seq))
                {
                    case BarrierStep.Done:
                        return index;
                    case BarrierStep.AwaitTurn:
                        Futex.Wait(&s->Seq, seq, Futex.Infinite);
                        break;
                    default:
                        timedOut = !Futex.Wait(&s->Seq, seq, deadline);
                        break;
                }
            }
        }
        finally
        {
            _region.Exit();
        }
    }

    /// <summary>Breaks the barrier: current and future waits throw until <see cref="Reset"/> (Python's <c>abort()</c>). Does not block long.</summary>
    public void Abort()
    {
        BarrierState* s = State;
        Enter(s);
        BreakCore(s);
        LockCore.Release(&s->Lock);
    }

    /// <summary>
    /// Returns the barrier to its initial state; current waiters get <see cref="BrokenBarrierException"/>
    /// (Python's <c>reset()</c>). Does not block long.
    /// </summary>
    public void Reset()
    {
        BarrierState* s = State;
        Enter(s);
        if (s->Count > 0)
        {
            if (s->Phase is Filling or Broken)
            {
                s->Phase = Resetting;
            }
        }
        else
        {
            s->Phase = Filling;
        }

        NotifyAll(s);
        LockCore.Release(&s->Lock);
    }

    /// <summary>Unmaps the barrier from this process; the creator also unlinks its segment.</summary>
    public void Dispose() => _region.Dispose();

    /// <summary>Writes the barrier's handle (segment name and offset); the action does not travel.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The barrier.</param>
    public static void Write(ref WireWriter writer, ProcessBarrier value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value._region.Write(ref writer, SharedObjectKind.Barrier);
        }
    }

    /// <summary>Re-attaches to the barrier described in the message (without an action).</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same barrier.</returns>
    public static ProcessBarrier Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SharedRegion.Read(ref reader, SharedObjectKind.Barrier, StateSize, nameof(ProcessBarrier)));

    private static void Enter(BarrierState* s)
    {
        if (LockCore.Acquire(&s->Lock, blocking: true, Futex.Infinite) == LockAcquireOutcome.Abandoned)
        {
            // A process died inside a barrier operation: its counts cannot be trusted.
            BreakCore(s);
        }
    }

    private void Pass(BarrierState* s)
    {
        try
        {
            _action?.Invoke();
        }
        catch
        {
            BreakCore(s);
            throw;
        }

        s->Phase = Draining;
        NotifyAll(s);
    }

    private static void BreakCore(BarrierState* s)
    {
        s->Phase = Broken;
        NotifyAll(s);
    }

    private static void NotifyAll(BarrierState* s)
    {
        Interlocked.Increment(ref s->Seq);
        Futex.WakeAll(&s->Seq);
    }

    /// <summary>
    /// One step of a wait, under the internal lock: arrives (<paramref name="index"/> goes from
    /// <see cref="NotArrived"/> to the arrival index), passes the barrier if last, or checks whether the pass
    /// happened. Otherwise returns what to wait for, with <paramref name="seq"/> the value the sequence word
    /// must move from. <paramref name="timedOut"/>/<paramref name="cancelled"/>: the last wait ended so.
    /// Python's <c>_exit</c> (the last to leave a drained or reset barrier makes it fill again) runs on every
    /// way out after arriving.
    /// </summary>
    private BarrierStep Step(ref int index, bool timedOut, bool cancelled, out int seq)
    {
        BarrierState* s = State;
        Enter(s);
        bool leave = index != NotArrived;
        try
        {
            seq = s->Seq;
            if (index == NotArrived)
            {
                if (cancelled)
                {
                    return BarrierStep.Cancelled;
                }

                // Wait while the previous pass drains or a reset completes.
                if (s->Phase is Draining or Resetting)
                {
                    return BarrierStep.AwaitTurn;
                }

                if (s->Phase < 0)
                {
                    throw new BrokenBarrierException();
                }

                index = s->Count++;
                if (index + 1 < s->Parties)
                {
                    return BarrierStep.AwaitPass;
                }

                leave = true;
                Pass(s);
                return BarrierStep.Done;
            }

            if (s->Phase == Filling)
            {
                if (cancelled)
                {
                    BreakCore(s);
                    return BarrierStep.Cancelled;
                }

                if (timedOut)
                {
                    BreakCore(s);
                    ThrowHelper.ThrowProcessBarrierWaitTimedOutBarrierNow();
                }

                leave = false;
                return BarrierStep.AwaitPass;
            }

            if (s->Phase < 0)
            {
                throw new BrokenBarrierException();
            }

            return BarrierStep.Done;
        }
        finally
        {
            if (leave && --s->Count == 0 && s->Phase is Draining or Resetting)
            {
                s->Phase = Filling;
                NotifyAll(s);
            }

            LockCore.Release(&s->Lock);
        }
    }

    private long DeadlineOf(TimeSpan? timeout)
    {
        long ticks = State->TimeoutTicks;
        return Futex.DeadlineFrom(timeout ?? (ticks >= 0 ? TimeSpan.FromTicks(ticks) : null));
    }

    private AsyncWordWatcher CreateWatcher() => new(_region, (int)((byte*)&State->Seq - (byte*)State), "Multiproc ProcessBarrier async waiters");
}
