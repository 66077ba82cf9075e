using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>
/// A barrier (40 bytes): Python's <c>threading.Barrier</c> state machine in shared memory. <see cref="Lock"/>
/// guards the rest; <see cref="Seq"/> is the futex word every state change bumps (a notify-all);
/// <see cref="Phase"/> is Python's <c>_state</c>: 0 filling, 1 draining, -1 resetting, -2 broken.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BarrierState
{
    public LockState Lock;
    public int Seq;
    public int Count;
    public int Parties;
    public int Phase;
    public long TimeoutTicks;
}
