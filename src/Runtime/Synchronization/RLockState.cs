using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>A recursive lock (24 bytes): the lock words plus the owner's recursion count.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RLockState
{
    public LockState Lock;
    public int Count;
    public int Reserved;
}
