using System.ComponentModel;
using Multiproc.Managers;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// The base of generated proxies for <see cref="SharedInterfaceAttribute">[SharedInterface]</see>s: each interface
/// member encodes its arguments, calls the manager by method id and decodes the result. Used by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SharedObjectProxy : BaseProxy
{
    /// <summary>Wraps a reference (which the proxy owns).</summary>
    /// <param name="reference">The reference.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0022", Justification = "Generated proxies in user assemblies derive from this type; BaseProxy's members they reach are the protected ones declared here.")]
    protected SharedObjectProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Custom)
    {
    }

    /// <summary>Starts encoding a call's arguments.</summary>
    /// <returns>The writer, which <see cref="Call"/> disposes.</returns>
    protected static WireWriter BeginCall() => BeginArguments();

    /// <summary>Calls method <paramref name="method"/> and returns the encoded result.</summary>
    /// <param name="method">The method id.</param>
    /// <param name="arguments">The arguments (disposed here).</param>
    /// <returns>The encoded result.</returns>
    protected byte[] Call(int method, ref WireWriter arguments) => Invoke(method, ref arguments);

    /// <summary>Calls method <paramref name="method"/> and decodes a result of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="method">The method id.</param>
    /// <param name="arguments">The arguments (disposed here).</param>
    /// <returns>The result (a copy).</returns>
    protected T Call<T>(int method, ref WireWriter arguments) => Decode<T>(Invoke(method, ref arguments));

    /// <summary>Calls method <paramref name="method"/>, whose result is another shared object, and returns a proxy for it.</summary>
    /// <typeparam name="TInterface">The shared interface returned.</typeparam>
    /// <param name="method">The method id.</param>
    /// <param name="arguments">The arguments (disposed here).</param>
    /// <returns>A new proxy, or null.</returns>
    protected TInterface CallShared<TInterface>(int method, ref WireWriter arguments)
        where TInterface : class
    {
        var reader = new WireReader(Invoke(method, ref arguments));
        if (!reader.ReadPresence())
        {
            return null!;
        }

        ulong id = reader.ReadUInt64();
        return SharedInterfaces.Attach<TInterface>(new ProxyReference(Reference.Client, id, ManagedObjectKind.Custom));
    }

    /// <summary>Calls method <paramref name="method"/> without blocking a thread.</summary>
    /// <param name="method">The method id.</param>
    /// <param name="arguments">The arguments (disposed here).</param>
    /// <param name="cancellationToken">Abandons the call (the manager stops waiting for this client).</param>
    /// <returns>A task that completes with the call.</returns>
    protected Task CallAsync(int method, ref WireWriter arguments, CancellationToken cancellationToken) =>
        InvokeAsync(method, ref arguments, cancellationToken).AsTask();

    /// <summary>Calls method <paramref name="method"/> without blocking a thread and decodes a result of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="method">The method id.</param>
    /// <param name="arguments">The arguments (disposed here).</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    /// <returns>The result (a copy).</returns>
    protected Task<T> CallAsync<T>(int method, ref WireWriter arguments, CancellationToken cancellationToken) =>
        Finish<T>(InvokeAsync(method, ref arguments, cancellationToken));

    private static async Task<T> Finish<T>(ValueTask<byte[]> call) => Decode<T>(await call.ConfigureAwait(false));

    private static T Decode<T>(byte[] reply) => WireSerializer<T>.Default.Deserialize(reply);
}
