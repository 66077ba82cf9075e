using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A flag processes can wait for, mirroring Python's <c>multiprocessing.Event</c>: <see cref="Set"/> wakes
/// every waiter in every process, <see cref="Clear"/> resets it. Built on a futex word in shared memory.
/// Passed to a <c>[ProcessTarget]</c> it travels as a handle; the child maps the same event.
/// </summary>
[DebuggerDisplay("ProcessEvent (set: {IsSet})")]
public sealed unsafe class ProcessEvent : IDisposable, IWireSerializable<ProcessEvent>
{
    private static readonly long StateSize = sizeof(EventState);

    private readonly SharedRegion _region;
    private AsyncWaitPump? _pump;

    /// <summary>Creates a cleared event in a new shared memory segment (Python's <c>Event()</c>). Does not block.</summary>
    public ProcessEvent()
        : this(SharedRegion.Allocate(SharedObjectKind.Event, StateSize))
    {
    }

    private ProcessEvent(SharedRegion region) => _region = region;

    /// <summary>True when the flag is set (Python's <c>is_set()</c>).</summary>
    public bool IsSet => Volatile.Read(ref State->Flag) != 0;

    /// <summary>Describes the event: set or unset, and its segment, like Python's <c>&lt;Event … set&gt;</c>.</summary>
    /// <returns>For example <c>&lt;ProcessEvent(unset) mp_…&gt;</c>.</returns>
    public override string ToString() => _region.Describe(nameof(ProcessEvent), () => IsSet ? "set" : "unset");

    private EventState* State => (EventState*)_region.State;

    /// <summary>Sets the flag and wakes every waiter in every process (Python's <c>set()</c>). Does not block.</summary>
    public void Set()
    {
        EventState* s = State;
        Interlocked.Exchange(ref s->Flag, 1);
        if (Volatile.Read(ref s->Waiters) > 0)
        {
            Futex.WakeAll(&s->Flag);
        }
    }

    /// <summary>Clears the flag (Python's <c>clear()</c>). Does not block.</summary>
    public void Clear() => Interlocked.Exchange(ref State->Flag, 0);

    /// <summary>Blocks until the flag is set or <paramref name="timeout"/> passes (Python's <c>wait(timeout=None)</c>).</summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <returns>True when the flag is set, false on timeout.</returns>
    public bool Wait(TimeSpan? timeout = null) => WaitCore(Futex.DeadlineFrom(timeout));

    /// <summary>
    /// Waits asynchronously until the flag is set (no Python equivalent). Holds no thread-pool thread while
    /// waiting: one background thread per event serves all its async waiters.
    /// </summary>
    /// <param name="timeout">The longest wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the flag is set, false on timeout.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Futex.DeadlineFrom(timeout);
        if (IsSet)
        {
            return Task.FromResult(true);
        }

        AsyncWaitPump pump = _pump ?? Interlocked.CompareExchange(ref _pump, CreatePump(), null) ?? _pump!;
        return pump.Enqueue(timeout, cancellationToken);
    }

    /// <summary>Unmaps the event from this process; the creator also unlinks its segment.</summary>
    public void Dispose() => _region.Dispose();

    /// <summary>Writes the event's handle (segment name and offset).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The event.</param>
    public static void Write(ref WireWriter writer, ProcessEvent value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value._region.Write(ref writer, SharedObjectKind.Event);
        }
    }

    /// <summary>Re-attaches to the event described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same event.</returns>
    public static ProcessEvent Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SharedRegion.Read(ref reader, SharedObjectKind.Event, StateSize, nameof(ProcessEvent)));

    private bool WaitCore(long deadline)
    {
        EventState* s = (EventState*)_region.Enter();
        try
        {
            return WaitCore(s, deadline);
        }
        finally
        {
            _region.Exit();
        }
    }

    private static bool WaitCore(EventState* s, long deadline)
    {
        bool spun = false;
        while (Volatile.Read(ref s->Flag) == 0)
        {
            if (!AdaptiveSpin.SpinThenSleep(&s->Flag, 0, &s->Waiters, ref spun, deadline))
            {
                return Volatile.Read(ref s->Flag) != 0;
            }
        }

        return true;
    }

    private AsyncWaitPump CreatePump() => new(
        deadline => WaitCore(deadline) ? LockAcquireOutcome.Acquired : LockAcquireOutcome.TimedOut,
        null,
        null,
        "Multiproc ProcessEvent async waiters");
}
