using System.Runtime.InteropServices;

namespace Multiproc;

/// <summary>
/// The first page of every segment Multiproc creates under <c>/dev/shm</c>: a magic number, the size the
/// user asked for, and the creator's pid and start time, so that a later process can tell a segment
/// whose creator died (and reap it) from a live one. The user's bytes start at <see cref="Size"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SegmentHeader
{
    /// <summary>"MPSH" little-endian.</summary>
    public const uint MagicValue = 0x48534D50;

    /// <summary>The layout version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Bytes reserved for the header: one page, so the data starts page-aligned.</summary>
    public const int Size = 4096;

    public uint Magic;
    public int Version;
    public long UserSize;
    public int CreatorPid;
    public int Reserved;
    public long CreatorStartTime;
}
