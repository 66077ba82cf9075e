using Multiproc.Managers.Served;

namespace Multiproc.Managers;

/// <summary>
/// A typeid a manager serves (Python's <c>register(typeid, callable)</c>): the object is made on the first request and
/// then lives as long as the server, like the object a Python registration's callable returns.
/// </summary>
/// <param name="Hash">The typeid's hash (<see cref="HashOf"/>); only the hash crosses the wire.</param>
/// <param name="Kind">The kind of object served.</param>
/// <param name="Init">The creation arguments (e.g. a queue's bound), in the encoding of a Create request.</param>
/// <param name="InterfaceId">For a shared interface, its id (checked against the proxy a client asks for); else 0.</param>
/// <param name="Factory">For a shared interface, makes the served object (in the serving process only); else null.</param>
internal sealed record ManagerRegistration(ulong Hash, ManagedObjectKind Kind, byte[] Init, ulong InterfaceId = 0, Func<ServedObject>? Factory = null)
{
    /// <summary>The typeid itself, for messages (known where it was registered and in a server child it was sent to).</summary>
    public string? TypeId { get; init; }

    /// <summary>Makes the object.</summary>
    public ServedObject Create()
    {
        if (Factory is not null)
        {
            return Factory();
        }

        var reader = new Serialization.WireReader(Init);
        return BuiltInObjects.Create(Kind, ref reader);
    }

    /// <summary>The 64-bit FNV-1a hash of a typeid's UTF-16 code units.</summary>
    public static ulong HashOf(string typeId)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (char c in typeId)
        {
            hash = (hash ^ c) * 0x100000001B3;
        }

        return hash;
    }
}
