using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A lock owned by a manager: Python's <c>AcquirerProxy</c> for <c>manager.Lock()</c> and <c>manager.RLock()</c>. The
/// owner is the calling thread of the calling process: an RLock may be re-acquired by the thread that holds it, and
/// only that thread may release it; a Lock may be released by anyone, as Python's <c>threading.Lock</c>.
/// </summary>
public class LockProxy : BaseProxy, IManagedProxy<LockProxy>, IWireSerializable<LockProxy>
{
    static LockProxy() => WireSerializer<LockProxy>.Register(WireSerializer<LockProxy>.Create(Write, Read));

    private protected LockProxy(ProxyReference reference, ManagedObjectKind kind)
        : base(reference, kind)
    {
    }

    /// <summary>The kind <see cref="BaseManager.Register{TProxy}(string)"/> registers for this type: a plain lock.</summary>
    public static ManagedObjectKind Kind => ManagedObjectKind.Lock;

    /// <inheritdoc/>
    public static LockProxy Attach(ProxyReference reference) => new(reference, reference.Kind == ManagedObjectKind.RLock ? ManagedObjectKind.RLock : ManagedObjectKind.Lock);

    /// <summary>Whether the calling thread holds the lock.</summary>
    public bool IsOwned
    {
        get
        {
            WireWriter args = BeginArguments();
            args.WriteInt32(CallerThread);
            return Invoke((int)LockMethod.IsOwned, ref args)[0] != 0;
        }
    }

    /// <summary>Acquires the lock (Python's <c>acquire(blocking, timeout)</c>).</summary>
    /// <param name="blocking">False: try once.</param>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <returns>True when acquired.</returns>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(CallerThread);
        args.WriteInt32(TimeoutMs(blocking, timeout));
        return Invoke((int)LockMethod.Acquire, ref args)[0] != 0;
    }

    /// <summary>Acquires the lock without blocking a thread (the owner is the thread that calls this).</summary>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when acquired.</returns>
    public async Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(CallerThread);
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        return (await InvokeAsync((int)LockMethod.Acquire, ref args, cancellationToken).ConfigureAwait(false))[0] != 0;
    }

    /// <summary>Releases the lock (Python's <c>release()</c>).</summary>
    /// <exception cref="RemoteException">The lock is not held (by this thread, for an RLock).</exception>
    public void Release()
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(CallerThread);
        Invoke((int)LockMethod.Release, ref args);
    }

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, LockProxy value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static LockProxy Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? Attach(reference) : null!;
}
