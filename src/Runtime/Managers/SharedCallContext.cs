using System.ComponentModel;
using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>The call a generated server dispatcher serves; used by generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SharedCallContext
{
    private readonly CallContext _context;

    internal SharedCallContext(CallContext context) => _context = context;

    /// <summary>
    /// Encodes a result that is itself a shared object: the manager serves it under a new id, with one reference for
    /// the caller, whose proxy takes it over (Python's <c>method_to_typeid</c>). A null result is written as null.
    /// </summary>
    /// <typeparam name="TInterface">The shared interface the method returns.</typeparam>
    /// <param name="result">The writer.</param>
    /// <param name="value">The object.</param>
    public void WriteShared<TInterface>(ref WireWriter result, TInterface? value)
        where TInterface : class
    {
        result.WritePresence(value is not null);
        if (value is not null)
        {
            SharedInterfaceInfo info = SharedInterfaces.InfoOf<TInterface>();
            result.WriteUInt64(_context.Server.Share(new ServedCustom(value, info), _context.Session));
        }
    }
}
