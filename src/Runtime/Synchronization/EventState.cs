using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>An event (8 bytes): <see cref="Flag"/> (0 or 1) is the futex word; <see cref="Waiters"/> counts sleepers.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EventState
{
    public int Flag;
    public int Waiters;
}
