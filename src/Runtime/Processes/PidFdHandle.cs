using System.Runtime.InteropServices;
using Multiproc.Interop;

namespace Multiproc.Processes;

/// <summary>
/// A child's pidfd. A <see cref="SafeHandle"/>, so that closing it while another thread polls it defers the
/// <c>close</c> until that poll ends: a closed descriptor's number is soon reused (by a replacement worker's socket,
/// say), and a poll that read the number before the close would then wait on the wrong file for ever.
/// </summary>
internal sealed class PidFdHandle : SafeHandle
{
    public PidFdHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    /// <summary>The descriptor number; poll it only while holding a reference (<see cref="SafeHandle.DangerousAddRef"/>).</summary>
    public int Descriptor => (int)handle;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
