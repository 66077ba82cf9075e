using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>
/// A semaphore (16 bytes): <see cref="Count"/> is the futex word; <see cref="Waiters"/> counts sleepers so
/// that a release makes no system call when nobody sleeps; <see cref="MaxValue"/> is the bound of a
/// bounded semaphore (0 = unbounded, -1 = bounded at 0).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SemaphoreState
{
    public int Count;
    public int Waiters;
    public int MaxValue;
    public int Reserved;
}
