using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedLock"/> (lock, rlock and condition).</summary>
internal enum LockMethod
{
    Acquire = 1,
    Release = 2,
    Wait = 3,
    Notify = 4,
    NotifyAll = 5,
    IsOwned = 6,
}

/// <summary>
/// Python's <c>threading.Lock</c>, <c>RLock</c> and <c>Condition</c> (over an <c>RLock</c>) served by a manager.
/// The owner is the client's (session, thread) pair that every call carries, so an RLock is re-entrant per client
/// thread, as in CPython (where each client thread has its own connection and server thread).
/// </summary>
internal sealed class ServedLock(ManagedObjectKind kind) : ServedObject
{
    private readonly LinkedList<Waiter> _waiters = new();
    private (ulong Session, int Thread) _owner;
    private int _count;

    public override ManagedObjectKind Kind => kind;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        var caller = (context.Session, arguments.ReadInt32());
        lock (this)
        {
            switch ((LockMethod)method)
            {
                case LockMethod.Acquire:
                    result.WriteBoolean(Acquire(caller, arguments.ReadInt32(), context));
                    break;
                case LockMethod.Release:
                    Release(caller);
                    break;
                case LockMethod.IsOwned:
                    result.WriteBoolean(_count > 0 && _owner == caller);
                    break;
                case LockMethod.Wait when kind == ManagedObjectKind.Condition:
                    result.WriteBoolean(Wait(caller, arguments.ReadInt32(), context));
                    break;
                case LockMethod.Notify when kind == ManagedObjectKind.Condition:
                    Notify(caller, arguments.ReadInt32());
                    break;
                case LockMethod.NotifyAll when kind == ManagedObjectKind.Condition:
                    Notify(caller, int.MaxValue);
                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }

    private bool Reentrant => kind != ManagedObjectKind.Lock;

    private bool Acquire((ulong, int) caller, int timeoutMs, CallContext context)
    {
        if (Reentrant && _count > 0 && _owner == caller)
        {
            _count++;
            return true;
        }

        if (!context.Wait(this, () => _count == 0, CallContext.Deadline(timeoutMs)))
        {
            return false;
        }

        _owner = caller;
        _count = 1;
        return true;
    }

    private void Release((ulong, int) caller)
    {
        if (_count == 0)
        {
            ThrowHelper.ThrowReleaseUnlockedLock();
        }

        if (Reentrant && _owner != caller)
        {
            ThrowHelper.ThrowCannotReleaseUnAcquiredLockHeld();
        }

        if (--_count == 0)
        {
            _owner = default;
            Monitor.PulseAll(this);
        }
    }

    private bool Wait((ulong, int) caller, int timeoutMs, CallContext context)
    {
        if (_count == 0 || _owner != caller)
        {
            ThrowHelper.ThrowCannotWaitUnAcquiredLock();
        }

        int saved = _count;
        _count = 0;
        _owner = default;
        var waiter = new Waiter();
        LinkedListNode<Waiter> node = _waiters.AddLast(waiter);
        Monitor.PulseAll(this);
        bool notified;
        try
        {
            notified = context.Wait(this, () => waiter.Notified, CallContext.Deadline(timeoutMs));
        }
        finally
        {
            if (!waiter.Notified)
            {
                _waiters.Remove(node);
            }
        }

        // Re-acquire, however long it takes (Python's Condition.wait does the same).
        context.Wait(this, () => _count == 0, long.MaxValue);
        _owner = caller;
        _count = saved;
        return notified;
    }

    private void Notify((ulong, int) caller, int n)
    {
        if (_count == 0 || _owner != caller)
        {
            ThrowHelper.ThrowCannotNotifyUnAcquiredLock();
        }

        while (n-- > 0 && _waiters.First is { } first)
        {
            first.Value.Notified = true;
            _waiters.RemoveFirst();
        }

        Monitor.PulseAll(this);
    }

    private sealed class Waiter
    {
        public bool Notified;
    }
}
