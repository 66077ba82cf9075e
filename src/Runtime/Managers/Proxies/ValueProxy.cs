using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>A single value owned by a manager: Python's <c>ValueProxy</c> (<c>manager.Value(typecode, value)</c>).</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ValueProxy<T> : BaseProxy, IManagedProxy<ValueProxy<T>>, IWireSerializable<ValueProxy<T>>
{
    static ValueProxy() => WireSerializer<ValueProxy<T>>.Register(WireSerializer<ValueProxy<T>>.Create(Write, Read));

    private ValueProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Value)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.Value;

    /// <summary>Gets (a copy of) or sets the value (Python's <c>.value</c>). Read-modify-write is not atomic: guard it with a manager lock.</summary>
    public T Value
    {
        get => ProxyCodec<T>.DecodeReply(Invoke((int)ValueMethod.Get));
        set
        {
            WireWriter args = BeginArguments();
            ProxyCodec<T>.WriteItem(ref args, value);
            Invoke((int)ValueMethod.Set, ref args);
        }
    }

    /// <inheritdoc/>
    public static ValueProxy<T> Attach(ProxyReference reference) => new(reference);

    /// <summary>Reads the value without blocking a thread.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A copy of the value.</returns>
    public async Task<T> GetAsync(CancellationToken cancellationToken = default) =>
        ProxyCodec<T>.DecodeReply(await InvokeAsync((int)ValueMethod.Get, cancellationToken).ConfigureAwait(false));

    /// <summary>Sets the value without blocking a thread.</summary>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    public async Task SetAsync(T value, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<T>.WriteItem(ref args, value);
        await InvokeAsync((int)ValueMethod.Set, ref args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The value, as Python's <c>str()</c> of the proxy shows it. Once disposed, the proxy's own description (<see cref="BaseProxy.ToString"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsDisposed ? base.ToString() : PythonText.List([Value])[1..^1];

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, ValueProxy<T> value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static ValueProxy<T> Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new ValueProxy<T>(reference) : null!;
}
