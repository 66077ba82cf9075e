using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A counting semaphore owned by a manager: Python's <c>AcquirerProxy</c> for <c>manager.Semaphore(value)</c> and
/// <c>manager.BoundedSemaphore(value)</c> (which refuses a release above its initial value).
/// </summary>
public sealed class SemaphoreProxy : BaseProxy, IManagedProxy<SemaphoreProxy>, IWireSerializable<SemaphoreProxy>
{
    static SemaphoreProxy() => WireSerializer<SemaphoreProxy>.Register(WireSerializer<SemaphoreProxy>.Create(Write, Read));

    private SemaphoreProxy(ProxyReference reference)
        : base(reference, reference.Kind == ManagedObjectKind.BoundedSemaphore ? ManagedObjectKind.BoundedSemaphore : ManagedObjectKind.Semaphore)
    {
    }

    /// <summary>The kind <see cref="BaseManager.Register{TProxy}(string)"/> registers for this type: a semaphore at 1.</summary>
    public static ManagedObjectKind Kind => ManagedObjectKind.Semaphore;

    /// <summary>The current value.</summary>
    public int Value => BitConverter.ToInt32(Invoke((int)SemaphoreMethod.Value));

    /// <inheritdoc/>
    public static SemaphoreProxy Attach(ProxyReference reference) => new(reference);

    /// <summary>Decrements the value, waiting while it is 0 (Python's <c>acquire(blocking, timeout)</c>).</summary>
    /// <param name="blocking">False: try once.</param>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <returns>True when acquired.</returns>
    public bool Acquire(bool blocking = true, TimeSpan? timeout = null)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(TimeoutMs(blocking, timeout));
        return Invoke((int)SemaphoreMethod.Acquire, ref args)[0] != 0;
    }

    /// <summary>Decrements the value without blocking a thread while it is 0.</summary>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when acquired.</returns>
    public async Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        return (await InvokeAsync((int)SemaphoreMethod.Acquire, ref args, cancellationToken).ConfigureAwait(false))[0] != 0;
    }

    /// <summary>Increments the value by <paramref name="count"/> (Python's <c>release(n)</c>).</summary>
    /// <param name="count">How much.</param>
    /// <exception cref="RemoteException">A bounded semaphore would exceed its initial value.</exception>
    public void Release(int count = 1)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(count);
        Invoke((int)SemaphoreMethod.Release, ref args);
    }

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, SemaphoreProxy value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static SemaphoreProxy Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new SemaphoreProxy(reference) : null!;
}
