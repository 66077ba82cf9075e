using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>
/// The start of every segment Multiproc creates under <c>/dev/shm</c>: a magic number, the layout version,
/// the size the user asked for, and the creator's pid and start time, so that a later process can tell a
/// segment whose creator died (and reap it) from a live one. The user's bytes start at <see cref="Size"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SegmentHeader
{
    /// <summary>"MPSH" little-endian.</summary>
    public const uint MagicValue = 0x48534D50;

    /// <summary>The layout version (2: the user's bytes start at 2048, not 4096).</summary>
    public const int CurrentVersion = 2;

    /// <summary>
    /// Bytes reserved for the header: the user's bytes start half-way into the first page, not at a page
    /// boundary. Copies between shared memory and ordinary heap buffers (which start a few bytes into a
    /// page) then avoid the CPU's 4K-aliasing slow path, which a large <c>memcpy</c> hits when the
    /// destination's offset within its page is a little above the source's: copying a page-aligned segment
    /// out into a <c>malloc</c>'d or GC buffer ran at a third of the speed (measured 3.5 against 9–10 GB/s;
    /// docs/shared-state.md). 2048 keeps both directions clear of it for buffers near a page start.
    /// </summary>
    public const int Size = 2048;

    public uint Magic;
    public int Version;
    public long UserSize;
    public int CreatorPid;
    public int Reserved;
    public long CreatorStartTime;
}
