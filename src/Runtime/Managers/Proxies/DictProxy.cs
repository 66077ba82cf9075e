using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A dictionary owned by a manager: Python's <c>DictProxy</c> (<c>manager.dict()</c>), as an
/// <see cref="IDictionary{TKey, TValue}"/> in insertion order. Keys are compared by their encoding. Values come back as
/// copies: <c>d["b"].Add(2)</c> on a dictionary of lists changes a copy and is lost (Python's well-known trap) — read,
/// change and store back (<c>var l = d["b"]; l.Add(2); d["b"] = l;</c>), or store a <see cref="ListProxy{T}"/> as the
/// value so that every process shares the inner list. Enumerating takes a snapshot.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type (anything with a wire serializer, proxies included).</typeparam>
public sealed class DictProxy<TKey, TValue> : BaseProxy, IDictionary<TKey, TValue>, IManagedProxy<DictProxy<TKey, TValue>>, IWireSerializable<DictProxy<TKey, TValue>>
    where TKey : notnull
{
    static DictProxy() => WireSerializer<DictProxy<TKey, TValue>>.Register(WireSerializer<DictProxy<TKey, TValue>>.Create(Write, Read));

    private DictProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Dict)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.Dict;

    /// <summary>The number of entries (Python's <c>len(d)</c>).</summary>
    public int Count => BitConverter.ToInt32(Invoke((int)DictMethod.Count));

    /// <inheritdoc/>
    bool ICollection<KeyValuePair<TKey, TValue>>.IsReadOnly => false;

    /// <summary>A snapshot of the keys.</summary>
    public ICollection<TKey> Keys => [.. Snapshot().Select(static p => p.Key)];

    /// <summary>A snapshot of the values (copies).</summary>
    public ICollection<TValue> Values => [.. Snapshot().Select(static p => p.Value)];

    /// <summary>Gets (a copy of) or sets the value for <paramref name="key"/> (Python's <c>d[k]</c>).</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="KeyNotFoundException">The key is not present.</exception>
    public TValue this[TKey key]
    {
        get => TryGetValue(key, out TValue? value) ? value : throw ThrowHelper.CreateKeyNotManagerDictionary(key);
        set
        {
            WireWriter args = BeginArguments();
            ProxyCodec<TKey>.WriteItem(ref args, key);
            ProxyCodec<TValue>.WriteItem(ref args, value);
            Invoke((int)DictMethod.Set, ref args);
        }
    }

    /// <inheritdoc/>
    public static DictProxy<TKey, TValue> Attach(ProxyReference reference) => new(reference);

    /// <summary>Looks a key up (Python's <c>d.get(k)</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">A copy of the value, when found.</param>
    /// <returns>True when the key is present.</returns>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<TKey>.WriteItem(ref args, key);
        byte[] reply = Invoke((int)DictMethod.TryGet, ref args);
        var reader = new WireReader(reply);
        if (!reader.ReadBoolean())
        {
            value = default;
            return false;
        }

        value = ProxyCodec<TValue>.ReadItem(ref reader);
        return true;
    }

    /// <summary>Sets the value for a key without blocking a thread (Python's <c>d[k] = v</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    public async Task SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<TKey>.WriteItem(ref args, key);
        ProxyCodec<TValue>.WriteItem(ref args, value);
        await InvokeAsync((int)DictMethod.Set, ref args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a copy of the value for a key without blocking a thread.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value.</returns>
    /// <exception cref="RemoteException">The key is not present (<c>System.Collections.Generic.KeyNotFoundException</c> in the manager).</exception>
    public async Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<TKey>.WriteItem(ref args, key);
        byte[] reply = await InvokeAsync((int)DictMethod.Get, ref args, cancellationToken).ConfigureAwait(false);
        return ProxyCodec<TValue>.DecodeReply(reply);
    }

    /// <summary>Adds an entry; throws when the key is present.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="RemoteException">The key is present (<c>System.ArgumentException</c> in the manager).</exception>
    public void Add(TKey key, TValue value)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<TKey>.WriteItem(ref args, key);
        ProxyCodec<TValue>.WriteItem(ref args, value);
        Invoke((int)DictMethod.Add, ref args);
    }

    /// <inheritdoc/>
    public void Add(KeyValuePair<TKey, TValue> item) => Add(item.Key, item.Value);

    /// <summary>Whether the key is present (Python's <c>k in d</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when present.</returns>
    public bool ContainsKey(TKey key)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<TKey>.WriteItem(ref args, key);
        return Invoke((int)DictMethod.ContainsKey, ref args)[0] != 0;
    }

    /// <summary>Removes a key (Python's <c>d.pop(k, None)</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when it was present.</returns>
    public bool Remove(TKey key)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<TKey>.WriteItem(ref args, key);
        return Invoke((int)DictMethod.Remove, ref args)[0] != 0;
    }

    /// <inheritdoc/>
    bool ICollection<KeyValuePair<TKey, TValue>>.Contains(KeyValuePair<TKey, TValue> item) =>
        TryGetValue(item.Key, out TValue? value) && EqualityComparer<TValue>.Default.Equals(value, item.Value);

    /// <inheritdoc/>
    bool ICollection<KeyValuePair<TKey, TValue>>.Remove(KeyValuePair<TKey, TValue> item) =>
        ((ICollection<KeyValuePair<TKey, TValue>>)this).Contains(item) && Remove(item.Key);

    /// <summary>Removes every entry (Python's <c>clear</c>).</summary>
    public void Clear() => Invoke((int)DictMethod.Clear);

    /// <summary>A copy of every entry in one round trip, in insertion order (Python's <c>d.copy()</c>).</summary>
    /// <returns>The entries.</returns>
    public Dictionary<TKey, TValue> ToDictionary() => new(Snapshot());

    /// <summary>A copy of every entry without blocking a thread.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    public async Task<Dictionary<TKey, TValue>> ToDictionaryAsync(CancellationToken cancellationToken = default) =>
        new(Decode(await InvokeAsync((int)DictMethod.Items, cancellationToken).ConfigureAwait(false)));

    /// <inheritdoc/>
    public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    /// <summary>Enumerates a snapshot taken in one round trip, in insertion order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => Snapshot().GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries as Python prints a dict: <c>{'a': 1}</c>. Once disposed, the proxy's own description (<see cref="BaseProxy.ToString"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsDisposed ? base.ToString() : PythonText.Dict(Snapshot());

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, DictProxy<TKey, TValue> value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static DictProxy<TKey, TValue> Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new DictProxy<TKey, TValue>(reference) : null!;

    private List<KeyValuePair<TKey, TValue>> Snapshot() => Decode(Invoke((int)DictMethod.Items));

    private static List<KeyValuePair<TKey, TValue>> Decode(byte[] reply)
    {
        var reader = new WireReader(reply);
        int count = reader.ReadCollectionHeader(8);
        var items = new List<KeyValuePair<TKey, TValue>>(Math.Max(count, 0));
        for (int i = 0; i < count; i++)
        {
            TKey key = ProxyCodec<TKey>.ReadItem(ref reader);
            items.Add(new(key, ProxyCodec<TValue>.ReadItem(ref reader)));
        }

        return items;
    }
}
