using System.ComponentModel;
using Multiproc.Managers;

namespace Multiproc;

/// <summary>
/// The shared interfaces this program knows: generated module initializers register each
/// <see cref="SharedInterfaceAttribute">[SharedInterface]</see> with its proxy factory and server dispatcher. Used by
/// generated code; nothing is found by reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SharedInterfaces
{
    /// <summary>Registers a shared interface; called by generated module initializers.</summary>
    /// <typeparam name="TInterface">The interface.</typeparam>
    /// <param name="interfaceId">Its id (a hash of its full name and member signatures).</param>
    /// <param name="name">Its display name.</param>
    /// <param name="createProxy">Makes the generated proxy for a reference.</param>
    /// <param name="invoker">The generated server dispatcher.</param>
    public static void Register<TInterface>(ulong interfaceId, string name, Func<ProxyReference, TInterface> createProxy, SharedObjectInvoker invoker)
        where TInterface : class
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(createProxy);
        ArgumentNullException.ThrowIfNull(invoker);
        Holder<TInterface>.Info = new SharedInterfaceInfo(interfaceId, name, invoker);
        Holder<TInterface>.CreateProxy = createProxy;
    }

    /// <summary>Wraps a reference in the generated proxy of <typeparamref name="TInterface"/>.</summary>
    /// <typeparam name="TInterface">The interface.</typeparam>
    /// <param name="reference">The reference (owned by the new proxy).</param>
    /// <returns>The proxy.</returns>
    public static TInterface Attach<TInterface>(ProxyReference reference)
        where TInterface : class
    {
        InfoOf<TInterface>();
        return Holder<TInterface>.CreateProxy!(reference);
    }

    /// <summary>The error for a method id the interface does not have (a client of another build).</summary>
    /// <param name="name">The interface's display name.</param>
    /// <param name="method">The method id.</param>
    /// <returns>The exception to throw.</returns>
    public static MissingMethodException NotExposed(string name, int method) =>
        new($"Method {method} is not exposed by the shared interface {name} (the client was built against a different version of it).");

    internal static SharedInterfaceInfo InfoOf<TInterface>()
        where TInterface : class =>
        Holder<TInterface>.Info ?? throw ThrowHelper.CreateNotSharedInterfaceProgramMarkSharedInterface(typeof(TInterface));

    private static class Holder<TInterface>
        where TInterface : class
    {
        public static SharedInterfaceInfo? Info;
        public static Func<ProxyReference, TInterface>? CreateProxy;
    }
}

/// <summary>What the runtime knows of one shared interface.</summary>
internal sealed record SharedInterfaceInfo(ulong Id, string Name, SharedObjectInvoker Invoker);
