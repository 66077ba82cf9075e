namespace Multiproc;

/// <summary>
/// The kinds of object a manager serves (Python's typeids of <c>SyncManager</c>): what a typed proxy declares, checked
/// by the server when a client asks for a registered typeid. Used by proxy types; not needed in application code.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public enum ManagedObjectKind : byte
{
    /// <summary>No kind (an invalid value on the wire).</summary>
    None = 0,

    /// <summary><see cref="ListProxy{T}"/>.</summary>
    List = 1,

    /// <summary><see cref="DictProxy{TKey, TValue}"/>.</summary>
    Dict = 2,

    /// <summary><see cref="QueueProxy{T}"/>.</summary>
    Queue = 3,

    /// <summary><see cref="JoinableQueueProxy{T}"/>.</summary>
    JoinableQueue = 4,

    /// <summary><see cref="LockProxy"/> made by <see cref="SyncManager.Lock"/>.</summary>
    Lock = 5,

    /// <summary><see cref="LockProxy"/> made by <see cref="SyncManager.RLock"/>.</summary>
    RLock = 6,

    /// <summary><see cref="SemaphoreProxy"/> made by <see cref="SyncManager.Semaphore"/>.</summary>
    Semaphore = 7,

    /// <summary><see cref="SemaphoreProxy"/> made by <see cref="SyncManager.BoundedSemaphore"/>.</summary>
    BoundedSemaphore = 8,

    /// <summary><see cref="ConditionProxy"/>.</summary>
    Condition = 9,

    /// <summary><see cref="EventProxy"/>.</summary>
    Event = 10,

    /// <summary><see cref="BarrierProxy"/>.</summary>
    Barrier = 11,

    /// <summary><see cref="ValueProxy{T}"/>.</summary>
    Value = 12,

    /// <summary><see cref="ArrayProxy{T}"/>.</summary>
    Array = 13,

    /// <summary><see cref="NamespaceProxy"/>.</summary>
    Namespace = 14,

    /// <summary>The shared-memory blocks of a <see cref="SharedMemoryManager"/>, unlinked when the server stops.</summary>
    SharedMemoryBlocks = 15,

    /// <summary>An object implementing a <see cref="SharedInterfaceAttribute">[SharedInterface]</see>, behind a generated proxy.</summary>
    Custom = 100,
}
