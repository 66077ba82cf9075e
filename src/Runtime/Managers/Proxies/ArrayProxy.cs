using System.Collections;
using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A fixed-length array owned by a manager: Python's <c>ArrayProxy</c> (<c>manager.Array(typecode, sequence)</c>).
/// Items can be read and replaced, not added or removed.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ArrayProxy<T> : BaseProxy, IReadOnlyList<T>, IManagedProxy<ArrayProxy<T>>, IWireSerializable<ArrayProxy<T>>
{
    static ArrayProxy() => WireSerializer<ArrayProxy<T>>.Register(WireSerializer<ArrayProxy<T>>.Create(Write, Read));

    private ArrayProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Array)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.Array;

    /// <summary>The length (Python's <c>len(a)</c>).</summary>
    public int Count => BitConverter.ToInt32(Invoke((int)ListMethod.Count));

    /// <summary>Gets (a copy of) or replaces the item at <paramref name="index"/>.</summary>
    /// <param name="index">The index.</param>
    /// <exception cref="RemoteException">The index is out of range.</exception>
    public T this[int index]
    {
        get
        {
            WireWriter args = BeginArguments();
            args.WriteInt32(index);
            byte[] reply = Invoke((int)ListMethod.Get, ref args);
            var reader = new WireReader(reply);
            return ProxyCodec<T>.ReadItem(ref reader);
        }

        set
        {
            WireWriter args = BeginArguments();
            args.WriteInt32(index);
            ProxyCodec<T>.WriteItem(ref args, value);
            Invoke((int)ListMethod.Set, ref args);
        }
    }

    /// <inheritdoc/>
    public static ArrayProxy<T> Attach(ProxyReference reference) => new(reference);

    /// <summary>A copy of every item in one round trip (Python's <c>a[:]</c>).</summary>
    /// <returns>The items.</returns>
    public T[] ToArray()
    {
        byte[] reply = Invoke((int)ListMethod.ToArray);
        var reader = new WireReader(reply);
        return [.. ProxyCodec<T>.ReadItems(ref reader)];
    }

    /// <summary>Enumerates a snapshot taken in one round trip.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)ToArray()).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The items as Python prints them: <c>[1, 2, 3]</c>. Once disposed, the proxy's own description (<see cref="BaseProxy.ToString"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsDisposed ? base.ToString() : PythonText.List(ToArray());

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, ArrayProxy<T> value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static ArrayProxy<T> Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new ArrayProxy<T>(reference) : null!;
}
