using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A condition variable owned by a manager, over its own re-entrant lock: Python's <c>manager.Condition()</c>.
/// Acquire it, then <see cref="Wait"/> (which releases the lock while waiting) or <see cref="Notify"/>.
/// </summary>
public sealed class ConditionProxy : LockProxy, IManagedProxy<ConditionProxy>, IWireSerializable<ConditionProxy>
{
    static ConditionProxy() => WireSerializer<ConditionProxy>.Register(WireSerializer<ConditionProxy>.Create(Write, Read));

    private ConditionProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Condition)
    {
    }

    /// <inheritdoc/>
    static ManagedObjectKind IManagedProxy<ConditionProxy>.Kind => ManagedObjectKind.Condition;

    /// <inheritdoc/>
    static ConditionProxy IManagedProxy<ConditionProxy>.Attach(ProxyReference reference) => new(reference);

    /// <summary>Releases the lock, waits for a notification, re-acquires the lock (Python's <c>wait(timeout)</c>).</summary>
    /// <param name="timeout">How long to wait for the notification; null waits for ever.</param>
    /// <returns>False when the timeout passed without a notification.</returns>
    /// <exception cref="RemoteException">The calling thread does not hold the lock.</exception>
    public bool Wait(TimeSpan? timeout = null)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(CallerThread);
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        return Invoke((int)LockMethod.Wait, ref args)[0] != 0;
    }

    /// <summary>
    /// Releases the lock, waits for a notification and re-acquires the lock, without blocking a thread (the owner is
    /// the thread that calls this, which must hold the lock).
    /// </summary>
    /// <param name="timeout">How long to wait for the notification; null waits for ever.</param>
    /// <param name="cancellationToken">Abandons the wait (the manager drops it; the lock is then not re-acquired).</param>
    /// <returns>False when the timeout passed without a notification.</returns>
    public async Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(CallerThread);
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        return (await InvokeAsync((int)LockMethod.Wait, ref args, cancellationToken).ConfigureAwait(false))[0] != 0;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds (Python's <c>wait_for</c>); the lock must be held.</summary>
    /// <param name="predicate">The condition, evaluated with the lock held.</param>
    /// <param name="timeout">How long to wait in total; null waits for ever.</param>
    /// <returns>The last value of the predicate.</returns>
    public bool WaitFor(Func<bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        long deadline = timeout is { } t ? Environment.TickCount64 + (long)t.TotalMilliseconds : long.MaxValue;
        bool result = predicate();
        while (!result)
        {
            long remaining = deadline - Environment.TickCount64;
            if (deadline != long.MaxValue && remaining <= 0)
            {
                break;
            }

            Wait(deadline == long.MaxValue ? null : TimeSpan.FromMilliseconds(remaining));
            result = predicate();
        }

        return result;
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters (Python's <c>notify(n)</c>); the lock must be held.</summary>
    /// <param name="count">How many.</param>
    public void Notify(int count = 1)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(CallerThread);
        args.WriteInt32(count);
        Invoke((int)LockMethod.Notify, ref args);
    }

    /// <summary>Wakes every waiter (Python's <c>notify_all()</c>); the lock must be held.</summary>
    public void NotifyAll()
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(CallerThread);
        Invoke((int)LockMethod.NotifyAll, ref args);
    }

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, ConditionProxy value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static new ConditionProxy Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new ConditionProxy(reference) : null!;
}
