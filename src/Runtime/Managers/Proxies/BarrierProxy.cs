using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A barrier owned by a manager: Python's <c>BarrierProxy</c> (<c>manager.Barrier(parties)</c>). A wait that times
/// out, an <see cref="Abort"/>, or a waiter that disappears breaks the barrier: every waiter then gets
/// <see cref="BrokenBarrierException"/> until <see cref="Reset"/>.
/// </summary>
public sealed class BarrierProxy : BaseProxy, IManagedProxy<BarrierProxy>, IWireSerializable<BarrierProxy>
{
    static BarrierProxy() => WireSerializer<BarrierProxy>.Register(WireSerializer<BarrierProxy>.Create(Write, Read));

    private BarrierProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Barrier)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.Barrier;

    /// <summary>How many parties must wait (Python's <c>parties</c>).</summary>
    public int Parties => BitConverter.ToInt32(Invoke((int)BarrierMethod.Parties));

    /// <summary>How many are waiting now (Python's <c>n_waiting</c>).</summary>
    public int WaitingCount => BitConverter.ToInt32(Invoke((int)BarrierMethod.Waiting));

    /// <summary>Whether the barrier is broken (Python's <c>broken</c>).</summary>
    public bool IsBroken => Invoke((int)BarrierMethod.Broken)[0] != 0;

    /// <inheritdoc/>
    public static BarrierProxy Attach(ProxyReference reference) => new(reference);

    /// <summary>Waits until every party waits (Python's <c>wait(timeout)</c>).</summary>
    /// <param name="timeout">How long to wait; null waits for ever. Timing out breaks the barrier.</param>
    /// <returns>An index from 0 to parties - 1, different for each party.</returns>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken.</exception>
    public int Wait(TimeSpan? timeout = null)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        try
        {
            return BitConverter.ToInt32(Invoke((int)BarrierMethod.Wait, ref args));
        }
        catch (RemoteException e) when (e.RemoteTypeName == typeof(BrokenBarrierException).FullName)
        {
            throw new BrokenBarrierException(e.RemoteMessage, e);
        }
    }

    /// <summary>Waits until every party waits, without blocking a thread.</summary>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait (which breaks the barrier).</param>
    /// <returns>The party's index.</returns>
    /// <exception cref="BrokenBarrierException">The barrier is or became broken.</exception>
    public async Task<int> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        ValueTask<byte[]> call = InvokeAsync((int)BarrierMethod.Wait, ref args, cancellationToken);
        try
        {
            return BitConverter.ToInt32(await call.ConfigureAwait(false));
        }
        catch (RemoteException e) when (e.RemoteTypeName == typeof(BrokenBarrierException).FullName)
        {
            throw new BrokenBarrierException(e.RemoteMessage, e);
        }
    }

    /// <summary>Breaks the barrier (Python's <c>abort()</c>).</summary>
    public void Abort() => Invoke((int)BarrierMethod.Abort);

    /// <summary>Returns the barrier to its initial state; current waiters get <see cref="BrokenBarrierException"/> (Python's <c>reset()</c>).</summary>
    public void Reset() => Invoke((int)BarrierMethod.Reset);

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, BarrierProxy value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static BarrierProxy Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new BarrierProxy(reference) : null!;
}
