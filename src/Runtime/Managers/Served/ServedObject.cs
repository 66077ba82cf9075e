using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>
/// An object a manager owns (Python's referent). Built-ins keep items as the bytes clients sent, so the server
/// needs none of the clients' types: comparisons (a dictionary key, <c>IndexOf</c>) compare encodings. Every member
/// is called with the object's own monitor free; implementations lock themselves.
/// </summary>
internal abstract class ServedObject
{
    /// <summary>Ids of objects whose proxies were stored in this one; they live at least as long as it does.</summary>
    private List<ulong>? _held;

    /// <summary>The kind, checked when a client attaches a typed proxy.</summary>
    public abstract ManagedObjectKind Kind { get; }

    /// <summary>Runs method <paramref name="method"/>; unknown ids throw <see cref="MissingMethodException"/>.</summary>
    public abstract void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context);

    /// <summary>Records that this object holds a reference to <paramref name="id"/>; the server keeps it alive.</summary>
    public void Hold(ulong id)
    {
        lock (this)
        {
            (_held ??= []).Add(id);
        }
    }

    /// <summary>The ids this object holds, taken when it is freed.</summary>
    public List<ulong>? TakeHeld()
    {
        lock (this)
        {
            List<ulong>? held = _held;
            _held = null;
            return held;
        }
    }

    /// <summary>Called once when the server stops (every object is dropped then); releases what outlives the object.</summary>
    public virtual void OnServerStopped()
    {
    }

    /// <summary>The error for a method id this kind does not have (Python: "method 'x' of 'list' object is not exposed").</summary>
    protected MissingMethodException NotExposed(int method) =>
        ThrowHelper.CreateMethodNotExposedManagerObjectClient(method, Kind);
}
