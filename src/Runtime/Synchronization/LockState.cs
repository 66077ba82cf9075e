using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>
/// The shared words of a lock (16 bytes). <see cref="Word"/> is the futex: 0 when free, otherwise the
/// owner's pid, with <see cref="LockCore.WaitersBit"/> set when someone may be sleeping on it. Putting the
/// pid in the futex word records the owner atomically with the acquisition, so a waiter can always tell
/// whom to check for death. <see cref="OwnerStart"/> (the owner's start time, 0 while unknown) defeats pid
/// reuse; <see cref="OwnerThread"/> is the owner's managed thread id, for RLock and Condition checks.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LockState
{
    public int Word;
    public int OwnerThread;
    public long OwnerStart;
}
