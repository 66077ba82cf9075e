using System.ComponentModel;
using Multiproc.Managers;
using Multiproc.Serialization;

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

    /// <summary>
    /// Encodes a <see cref="SharedInterfaceAttribute">[SharedInterface]</see> value that crosses to another process (a
    /// <c>[ProcessTarget]</c> argument or result, an item of a manager's container): its proxy's reference — the
    /// manager's address, the object id and, for a child's argument, the authkey — never the object or a type name.
    /// Called by generated serializers.
    /// </summary>
    /// <typeparam name="TInterface">The shared interface.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">A proxy a manager returned (<c>GetShared</c>, or a shared method's result), or null.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is a local object, not a manager's proxy.</exception>
    /// <exception cref="ObjectDisposedException">The proxy was disposed.</exception>
    public static void Write<TInterface>(ref WireWriter writer, TInterface? value)
        where TInterface : class
    {
        if (value is not null and not SharedObjectProxy)
        {
            ThrowHelper.ThrowCrossesAnotherProcessOnlyManagerProxy(InfoOf<TInterface>().Name, value.GetType().Name, nameof(value));
        }

        BaseProxy.WriteProxy(ref writer, value as BaseProxy);
    }

    /// <summary>
    /// Decodes a value written by <see cref="Write"/>: a new proxy of <typeparamref name="TInterface"/> whose reference
    /// this process holds (it connects and authenticates to the manager when it has no connection yet). Called by
    /// generated serializers.
    /// </summary>
    /// <typeparam name="TInterface">The shared interface.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy (dispose it when done), or null.</returns>
    /// <exception cref="WireFormatException">The encoding is not a shared object's.</exception>
    public static TInterface Read<TInterface>(ref WireReader reader)
        where TInterface : class
    {
        InfoOf<TInterface>();
        if (BaseProxy.ReadProxy(ref reader) is not { } reference)
        {
            return null!;
        }

        if (reference.Kind != ManagedObjectKind.Custom)
        {
            reference.Client.DecRef(reference.Id);
            ThrowHelper.ThrowArrivedWhereProxyExpected(reference.Kind, InfoOf<TInterface>().Name);
        }

        return Holder<TInterface>.CreateProxy!(reference);
    }

    /// <summary>The error for a method id the interface does not have (a client of another build).</summary>
    /// <param name="name">The interface's display name.</param>
    /// <param name="method">The method id.</param>
    /// <returns>The exception to throw.</returns>
    public static MissingMethodException NotExposed(string name, int method) =>
        ThrowHelper.CreateMethodNotExposedSharedInterfaceClient(method, name);

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
