using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedDict"/> (the namespace uses the same ids with string keys).</summary>
internal enum DictMethod
{
    Count = 1,
    Get = 2,
    TryGet = 3,
    Set = 4,
    Add = 5,
    Remove = 6,
    ContainsKey = 7,
    Clear = 8,
    Items = 9,
}

/// <summary>
/// A dictionary from key encodings to value encodings, in insertion order: Python's <c>dict</c> served by
/// <c>SyncManager.dict()</c>, and <c>Namespace</c> (string keys).
/// </summary>
internal sealed class ServedDict(ManagedObjectKind kind) : ServedObject
{
    private readonly Dictionary<ByteKey, byte[]> _items = [];
    private readonly List<ByteKey> _order = [];

    public override ManagedObjectKind Kind => kind;

    /// <summary>Makes a dictionary with the initial entries a client sent (a count, then key and value blobs).</summary>
    public static ServedDict Create(ManagedObjectKind kind, ref WireReader init)
    {
        var dict = new ServedDict(kind);
        int count = init.ReadCollectionHeader(8);
        for (int i = 0; i < count; i++)
        {
            var key = new ByteKey(CallContext.ReadItem(ref init));
            if (!dict._items.ContainsKey(key))
            {
                dict._order.Add(key);
            }

            dict._items[key] = CallContext.ReadItem(ref init);
        }

        return dict;
    }

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        lock (this)
        {
            switch ((DictMethod)method)
            {
                case DictMethod.Count:
                    result.WriteInt32(_items.Count);
                    break;
                case DictMethod.Get:
                    ByteKey key = new(CallContext.ReadItem(ref arguments));
                    if (!_items.TryGetValue(key, out byte[]? value))
                    {
                        ThrowHelper.ThrowManagedKeyNotFound(kind == ManagedObjectKind.Namespace);
                    }

                    result.WriteUnmanagedArray(value);
                    break;
                case DictMethod.TryGet:
                    bool found = _items.TryGetValue(new ByteKey(CallContext.ReadItem(ref arguments)), out byte[]? existing);
                    result.WriteBoolean(found);
                    if (found)
                    {
                        result.WriteUnmanagedArray(existing);
                    }

                    break;
                case DictMethod.Set:
                    ByteKey setKey = new(CallContext.ReadItem(ref arguments));
                    if (!_items.ContainsKey(setKey))
                    {
                        _order.Add(setKey);
                    }

                    _items[setKey] = CallContext.ReadItem(ref arguments);
                    break;
                case DictMethod.Add:
                    ByteKey addKey = new(CallContext.ReadItem(ref arguments));
                    if (_items.ContainsKey(addKey))
                    {
                        ThrowHelper.ThrowItemSameKeyAlreadyBeenAdded("key");
                    }

                    _order.Add(addKey);
                    _items[addKey] = CallContext.ReadItem(ref arguments);
                    break;
                case DictMethod.Remove:
                    ByteKey removeKey = new(CallContext.ReadItem(ref arguments));
                    bool removed = _items.Remove(removeKey);
                    if (removed)
                    {
                        _order.Remove(removeKey);
                    }

                    result.WriteBoolean(removed);
                    break;
                case DictMethod.ContainsKey:
                    result.WriteBoolean(_items.ContainsKey(new ByteKey(CallContext.ReadItem(ref arguments))));
                    break;
                case DictMethod.Clear:
                    _items.Clear();
                    _order.Clear();
                    break;
                case DictMethod.Items:
                    result.WriteInt32(_order.Count);
                    foreach (ByteKey k in _order)
                    {
                        result.WriteUnmanagedArray(k.Bytes);
                        result.WriteUnmanagedArray(_items[k]);
                    }

                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }

    /// <summary>An encoded key compared by content.</summary>
    private readonly struct ByteKey(byte[] bytes) : IEquatable<ByteKey>
    {
        public byte[] Bytes { get; } = bytes;

        public bool Equals(ByteKey other) => Bytes.AsSpan().SequenceEqual(other.Bytes);

        public override bool Equals(object? obj) => obj is ByteKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(Bytes);
            return hash.ToHashCode();
        }
    }
}
