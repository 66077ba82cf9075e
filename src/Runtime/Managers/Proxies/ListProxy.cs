using System.Collections;
using System.Globalization;
using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A list owned by a manager: Python's <c>ListProxy</c> (<c>manager.list()</c>), as an <see cref="IList{T}"/>. Every
/// member is one round trip; items come back as copies (so <c>list[0].Add(x)</c> on a list of lists changes a copy —
/// store a <see cref="ListProxy{T}"/> in the list to share the inner list). Enumerating takes a snapshot.
/// <see cref="ToString"/> shows the items as Python prints a list: <c>[1, 2, 3]</c>.
/// </summary>
/// <typeparam name="T">The item type (anything with a wire serializer, proxies included).</typeparam>
public sealed class ListProxy<T> : BaseProxy, IList<T>, IReadOnlyList<T>, IManagedProxy<ListProxy<T>>, IWireSerializable<ListProxy<T>>
{
    static ListProxy() => WireSerializer<ListProxy<T>>.Register(WireSerializer<ListProxy<T>>.Create(Write, Read));

    private ListProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.List)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.List;

    /// <summary>The number of items (Python's <c>len(l)</c>).</summary>
    public int Count => ReadInt32(Invoke((int)ListMethod.Count));

    /// <inheritdoc/>
    bool ICollection<T>.IsReadOnly => false;

    /// <summary>Gets or sets the item at <paramref name="index"/> (Python's <c>l[i]</c>); a get returns a copy.</summary>
    /// <param name="index">The index.</param>
    /// <exception cref="RemoteException">The index is out of range (<c>System.ArgumentOutOfRangeException</c> in the manager).</exception>
    public T this[int index]
    {
        get
        {
            WireWriter args = BeginArguments();
            args.WriteInt32(index);
            return DecodeItem(Invoke((int)ListMethod.Get, ref args));
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
    public static ListProxy<T> Attach(ProxyReference reference) => new(reference);

    /// <summary>Appends an item (Python's <c>append</c>).</summary>
    /// <param name="item">The item.</param>
    public void Add(T item)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<T>.WriteItem(ref args, item);
        Invoke((int)ListMethod.Add, ref args);
    }

    /// <summary>Appends an item without blocking a thread.</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the item is in the list.</returns>
    public async Task AddAsync(T item, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<T>.WriteItem(ref args, item);
        await InvokeAsync((int)ListMethod.Add, ref args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends several items in one round trip (Python's <c>extend</c>).</summary>
    /// <param name="items">The items.</param>
    public void AddRange(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        WireWriter args = BeginArguments();
        ProxyCodec<T>.WriteItems(ref args, items);
        Invoke((int)ListMethod.AddRange, ref args);
    }

    /// <summary>Inserts an item at <paramref name="index"/> (Python's <c>insert</c>).</summary>
    /// <param name="index">Where.</param>
    /// <param name="item">The item.</param>
    public void Insert(int index, T item)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(index);
        ProxyCodec<T>.WriteItem(ref args, item);
        Invoke((int)ListMethod.Insert, ref args);
    }

    /// <summary>Removes the item at <paramref name="index"/> (Python's <c>del l[i]</c>).</summary>
    /// <param name="index">The index.</param>
    public void RemoveAt(int index)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(index);
        Invoke((int)ListMethod.RemoveAt, ref args);
    }

    /// <summary>Removes the first item whose encoding equals <paramref name="item"/>'s (Python's <c>remove</c>, without the error).</summary>
    /// <param name="item">The item.</param>
    /// <returns>True when an item was removed.</returns>
    public bool Remove(T item)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<T>.WriteItem(ref args, item);
        return ReadBoolean(Invoke((int)ListMethod.Remove, ref args));
    }

    /// <summary>The index of the first item whose encoding equals <paramref name="item"/>'s, or -1 (Python's <c>index</c>).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The index, or -1.</returns>
    public int IndexOf(T item)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<T>.WriteItem(ref args, item);
        return ReadInt32(Invoke((int)ListMethod.IndexOf, ref args));
    }

    /// <summary>Whether an item's encoding equals <paramref name="item"/>'s (Python's <c>in</c>).</summary>
    /// <param name="item">The item.</param>
    /// <returns>True when found.</returns>
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <summary>Removes every item (Python's <c>clear</c>).</summary>
    public void Clear() => Invoke((int)ListMethod.Clear);

    /// <summary>Reverses the list in place, in the manager (Python's <c>reverse</c>).</summary>
    public void Reverse() => Invoke((int)ListMethod.Reverse);

    /// <summary>A copy of all items in one round trip (Python's <c>l[:]</c>).</summary>
    /// <returns>The items.</returns>
    public List<T> ToList() => DecodeItems(Invoke((int)ListMethod.ToArray));

    /// <summary>A copy of all items without blocking a thread.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items.</returns>
    public async Task<List<T>> ToListAsync(CancellationToken cancellationToken = default) =>
        DecodeItems(await InvokeAsync((int)ListMethod.ToArray, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public void CopyTo(T[] array, int arrayIndex) => ToList().CopyTo(array, arrayIndex);

    /// <summary>Enumerates a snapshot taken in one round trip.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<T> GetEnumerator() => ToList().GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The items as Python prints a list: <c>[9, 8, 7]</c> (strings quoted, as Python's <c>repr</c>). Once disposed, the proxy's own description (<see cref="BaseProxy.ToString"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsDisposed ? base.ToString() : PythonText.List(ToList());

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, ListProxy<T> value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static ListProxy<T> Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new ListProxy<T>(reference) : null!;

    private static T DecodeItem(byte[] reply)
    {
        var reader = new WireReader(reply);
        return ProxyCodec<T>.ReadItem(ref reader);
    }

    private static List<T> DecodeItems(byte[] reply)
    {
        var reader = new WireReader(reply);
        return ProxyCodec<T>.ReadItems(ref reader);
    }

    private static int ReadInt32(byte[] reply) => BitConverter.ToInt32(reply);

    private static bool ReadBoolean(byte[] reply) => reply[0] != 0;
}
