using System.Net;
using Multiproc.Managers;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A manager with the built-in shared types: Python's <c>multiprocessing.managers.SyncManager</c>, what
/// <c>multiprocessing.Manager()</c> returns (here <see cref="Multiprocessing.Manager"/>). Each factory creates an object
/// in the manager's server and returns a proxy to it; pass proxies to children as <c>[ProcessTarget]</c> arguments.
/// </summary>
/// <remarks>
/// Items are stored in the server as their wire encodings, so the server needs none of your types, and any type with
/// a wire serializer (primitives, strings, <c>[ProcessSerializable]</c> types, other proxies) can be an item. Values
/// read through a proxy are copies; see <see cref="DictProxy{TKey, TValue}"/> for the copy trap and its cure.
/// </remarks>
public sealed class SyncManager : BaseManager
{
    /// <summary>Creates a manager; call <see cref="BaseManager.Start"/> (or use <see cref="Multiprocessing.Manager"/>).</summary>
    /// <param name="address">Where the server listens; null for a private Unix socket.</param>
    /// <param name="authKey">The shared secret; null for a new random one.</param>
    public SyncManager(EndPoint? address = null, byte[]? authKey = null)
        : base(address, authKey)
    {
    }

    /// <summary>A shared list, optionally filled with <paramref name="items"/> (Python's <c>manager.list(sequence)</c>).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The initial items; null for none.</param>
    /// <returns>The proxy.</returns>
    public ListProxy<T> List<T>(IEnumerable<T>? items = null) => Create<ListProxy<T>>(ManagedObjectKind.List, Items(items ?? []));

    /// <summary>A shared dictionary, optionally filled with <paramref name="items"/> (Python's <c>manager.dict(mapping)</c>).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="items">The initial entries; null for none.</param>
    /// <returns>The proxy.</returns>
    public DictProxy<TKey, TValue> Dict<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>>? items = null)
        where TKey : notnull
    {
        KeyValuePair<TKey, TValue>[] pairs = [.. items ?? []];
        var writer = new WireWriter();
        try
        {
            writer.WriteInt32(pairs.Length);
            foreach ((TKey key, TValue value) in pairs)
            {
                ProxyCodec<TKey>.WriteItem(ref writer, key);
                ProxyCodec<TValue>.WriteItem(ref writer, value);
            }

            return Create<DictProxy<TKey, TValue>>(ManagedObjectKind.Dict, writer.WrittenSpan);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>A shared FIFO queue (Python's <c>manager.Queue(maxsize)</c>).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="maxSize">The bound; 0 for none.</param>
    /// <returns>The proxy.</returns>
    public QueueProxy<T> Queue<T>(int maxSize = 0) => Create<QueueProxy<T>>(ManagedObjectKind.Queue, Int(maxSize));

    /// <summary>A shared queue with task accounting (Python's <c>manager.JoinableQueue(maxsize)</c>).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="maxSize">The bound; 0 for none.</param>
    /// <returns>The proxy.</returns>
    public JoinableQueueProxy<T> JoinableQueue<T>(int maxSize = 0) => Create<JoinableQueueProxy<T>>(ManagedObjectKind.JoinableQueue, Int(maxSize));

    /// <summary>A shared lock (Python's <c>manager.Lock()</c>).</summary>
    /// <returns>The proxy.</returns>
    public LockProxy Lock() => Create<LockProxy>(ManagedObjectKind.Lock, []);

    /// <summary>A shared re-entrant lock (Python's <c>manager.RLock()</c>).</summary>
    /// <returns>The proxy.</returns>
    public LockProxy RLock() => CreateAs<LockProxy>(ManagedObjectKind.RLock, []);

    /// <summary>A shared semaphore (Python's <c>manager.Semaphore(value)</c>).</summary>
    /// <param name="value">The initial value.</param>
    /// <returns>The proxy.</returns>
    public SemaphoreProxy Semaphore(int value = 1) => Create<SemaphoreProxy>(ManagedObjectKind.Semaphore, Int(value));

    /// <summary>A shared bounded semaphore (Python's <c>manager.BoundedSemaphore(value)</c>).</summary>
    /// <param name="value">The initial and largest value.</param>
    /// <returns>The proxy.</returns>
    public SemaphoreProxy BoundedSemaphore(int value = 1) => CreateAs<SemaphoreProxy>(ManagedObjectKind.BoundedSemaphore, Int(value));

    /// <summary>A shared condition variable with its own re-entrant lock (Python's <c>manager.Condition()</c>).</summary>
    /// <returns>The proxy.</returns>
    public ConditionProxy Condition() => Create<ConditionProxy>(ManagedObjectKind.Condition, []);

    /// <summary>A shared event (Python's <c>manager.Event()</c>).</summary>
    /// <returns>The proxy.</returns>
    public EventProxy Event() => Create<EventProxy>(ManagedObjectKind.Event, []);

    /// <summary>A shared barrier (Python's <c>manager.Barrier(parties)</c>).</summary>
    /// <param name="parties">How many must wait.</param>
    /// <returns>The proxy.</returns>
    public BarrierProxy Barrier(int parties) => Create<BarrierProxy>(ManagedObjectKind.Barrier, Int(parties));

    /// <summary>A shared single value (Python's <c>manager.Value(typecode, value)</c>).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The initial value.</param>
    /// <returns>The proxy.</returns>
    public ValueProxy<T> Value<T>(T value)
    {
        var writer = new WireWriter();
        try
        {
            ProxyCodec<T>.WriteItem(ref writer, value);
            return Create<ValueProxy<T>>(ManagedObjectKind.Value, writer.WrittenSpan);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>A shared fixed-length array with these items (Python's <c>manager.Array(typecode, sequence)</c>).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <returns>The proxy.</returns>
    public ArrayProxy<T> Array<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Create<ArrayProxy<T>>(ManagedObjectKind.Array, Items(items));
    }

    /// <summary>A shared array of <paramref name="length"/> default values (Python's <c>manager.Array(typecode, size)</c>).</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="length">The length.</param>
    /// <returns>The proxy.</returns>
    public ArrayProxy<T> Array<T>(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return Array(Enumerable.Repeat(default(T)!, length));
    }

    /// <summary>A shared namespace (Python's <c>manager.Namespace()</c>).</summary>
    /// <returns>The proxy.</returns>
    public NamespaceProxy Namespace() => Create<NamespaceProxy>(ManagedObjectKind.Namespace, Int(0));

    private TProxy CreateAs<TProxy>(ManagedObjectKind kind, ReadOnlySpan<byte> init)
        where TProxy : BaseProxy, IManagedProxy<TProxy> => Create<TProxy>(kind, init);

    private static byte[] Int(int value) => BitConverter.GetBytes(value);

    private static byte[] Items<T>(IEnumerable<T> items)
    {
        var writer = new WireWriter();
        try
        {
            ProxyCodec<T>.WriteItems(ref writer, items);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
