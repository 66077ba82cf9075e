namespace Multiproc;

/// <summary>The tag written before each shared object's state, checked when a handle re-attaches.</summary>
internal enum SharedObjectKind
{
    None = 0,
    Lock = 0x4B434F4C,
    RLock = 0x4B434C52,
    Semaphore = 0x4D455353,
    BoundedSemaphore = 0x4D455342,
    Event = 0x544E5645,
    Condition = 0x444E4F43,
    Barrier = 0x52524142,
    Value = 0x4C415653,
    Array = 0x52524153,
}
