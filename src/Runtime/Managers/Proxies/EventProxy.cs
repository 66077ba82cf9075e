using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>An event owned by a manager: Python's <c>EventProxy</c> (<c>manager.Event()</c>).</summary>
public sealed class EventProxy : BaseProxy, IManagedProxy<EventProxy>, IWireSerializable<EventProxy>
{
    static EventProxy() => WireSerializer<EventProxy>.Register(WireSerializer<EventProxy>.Create(Write, Read));

    private EventProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Event)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.Event;

    /// <summary>Whether the flag is set (Python's <c>is_set()</c>).</summary>
    public bool IsSet => Invoke((int)EventMethod.IsSet)[0] != 0;

    /// <inheritdoc/>
    public static EventProxy Attach(ProxyReference reference) => new(reference);

    /// <summary>Sets the flag and wakes every waiter (Python's <c>set()</c>).</summary>
    public void Set() => Invoke((int)EventMethod.Set);

    /// <summary>Clears the flag (Python's <c>clear()</c>).</summary>
    public void Clear() => Invoke((int)EventMethod.Clear);

    /// <summary>Waits until the flag is set (Python's <c>wait(timeout)</c>).</summary>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <returns>True when the flag is set.</returns>
    public bool Wait(TimeSpan? timeout = null)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        return Invoke((int)EventMethod.Wait, ref args)[0] != 0;
    }

    /// <summary>Waits until the flag is set without blocking a thread.</summary>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when the flag is set.</returns>
    public async Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        return (await InvokeAsync((int)EventMethod.Wait, ref args, cancellationToken).ConfigureAwait(false))[0] != 0;
    }

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, EventProxy value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static EventProxy Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new EventProxy(reference) : null!;
}
