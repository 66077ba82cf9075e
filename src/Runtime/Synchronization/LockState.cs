using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>
/// The shared words of a lock (16 bytes). <see cref="Word"/> names the owner whole: its low 32 bits are the
/// futex (0 when free, otherwise the owner's pid, with <see cref="LockCore.WaitersBit"/> set when someone may be
/// sleeping on it) and its high 32 bits are the low 32 bits of the owner's start time (0 = unknown). One
/// compare-and-swap takes the lock and records who took it, so a process killed at any instruction leaves either
/// a free lock or one that names it completely, and a reused pid (same pid, other start time) is told apart.
/// <see cref="OwnerThread"/> is the owner's managed thread id, for RLock and Condition checks.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LockState
{
    public long Word;
    public int OwnerThread;
    public int Reserved;
}
