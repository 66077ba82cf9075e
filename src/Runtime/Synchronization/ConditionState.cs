using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>
/// A condition variable (32 bytes), after glibc's pre-2.25 design. <see cref="Seq"/> is the futex word,
/// bumped by every notify. <see cref="Total"/> counts waits begun, <see cref="Wakeup"/> wake tokens issued
/// (a timed-out wait also counts itself here), <see cref="Woken"/> tokens consumed. A waiter may consume a
/// token only if a notify happened after it began (its snapshot of <see cref="Wakeup"/> is older), so a
/// later waiter never steals an earlier notify; notify(n) issues min(n, waiting) tokens, so exactly that
/// many waits return true. Total and Wakeup change only under the condition's lock.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ConditionState
{
    public int Seq;
    public int Reserved;
    public long Total;
    public long Wakeup;
    public long Woken;
}
