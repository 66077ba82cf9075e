using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using Multiproc.Managers;

namespace Multiproc;

/// <summary>
/// One reference to an object a manager owns (Python's <c>Token</c>): which manager, which object, what kind. The
/// server counted it for this process's session when it was made; the proxy that wraps it gives it back on dispose.
/// Used by proxy types; not needed in application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[DebuggerDisplay("{ToString(),nq}")]
public sealed class ProxyReference
{
    internal ProxyReference(ManagerClient client, ulong id, ManagedObjectKind kind)
    {
        Client = client;
        Id = id;
        Kind = kind;
    }

    /// <summary>The object's id in its manager (Python's <c>token.id</c>).</summary>
    public ulong Id { get; }

    /// <summary>The kind of object.</summary>
    public ManagedObjectKind Kind { get; }

    /// <summary>The manager's address (Python's <c>token.address</c>).</summary>
    public EndPoint Address => Client.Address;

    internal ManagerClient Client { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Id} at {ManagerClient.Describe(Address)}";
}
