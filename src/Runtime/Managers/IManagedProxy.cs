using System.ComponentModel;

namespace Multiproc;

/// <summary>
/// A proxy type a manager can hand out for a registered typeid (<see cref="BaseManager.Register{TProxy}"/>,
/// <see cref="BaseManager.Get{TProxy}"/>): it names the kind of object it stands for and attaches to a reference.
/// Implemented by the built-in proxies; not needed in application code.
/// </summary>
/// <typeparam name="TSelf">The proxy type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IManagedProxy<TSelf>
    where TSelf : BaseProxy, IManagedProxy<TSelf>
{
    /// <summary>The kind of object the proxy stands for.</summary>
    static abstract ManagedObjectKind Kind { get; }

    /// <summary>Wraps a reference the manager just handed out (the reference is owned by the new proxy).</summary>
    /// <param name="reference">The reference.</param>
    /// <returns>The proxy.</returns>
    static abstract TSelf Attach(ProxyReference reference);
}
