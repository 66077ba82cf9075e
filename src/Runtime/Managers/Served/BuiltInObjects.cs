using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Makes a built-in object from its kind and the creation arguments a client sent.</summary>
internal static class BuiltInObjects
{
    public static ServedObject Create(ManagedObjectKind kind, ref WireReader init) => kind switch
    {
        ManagedObjectKind.List or ManagedObjectKind.Array => new ServedList(kind, ServedList.ReadItems(ref init)),
        ManagedObjectKind.Dict or ManagedObjectKind.Namespace => ServedDict.Create(kind, ref init),
        ManagedObjectKind.Queue or ManagedObjectKind.JoinableQueue => new ServedQueue(kind, init.ReadInt32()),
        ManagedObjectKind.Lock or ManagedObjectKind.RLock or ManagedObjectKind.Condition => new ServedLock(kind),
        ManagedObjectKind.Semaphore or ManagedObjectKind.BoundedSemaphore => new ServedSemaphore(kind, NonNegative(init.ReadInt32(), "value")),
        ManagedObjectKind.Event => new ServedEvent(),
        ManagedObjectKind.Barrier => new ServedBarrier(Positive(init.ReadInt32())),
        ManagedObjectKind.Value => new ServedValue(CallContext.ReadItem(ref init)),
        ManagedObjectKind.SharedMemoryBlocks => new ServedSharedMemoryBlocks(),
        _ => throw ThrowHelper.CreateManagerNoBuiltObjectKind((byte)kind),
    };

    private static int NonNegative(int value, string name) =>
        value >= 0 ? value : throw ThrowHelper.CreateInitialValueMustNotNegative(name, value);

    private static int Positive(int parties) =>
        parties > 0 ? parties : throw ThrowHelper.CreateBarrierNeedsLeastOneParty(nameof(parties), parties);
}
