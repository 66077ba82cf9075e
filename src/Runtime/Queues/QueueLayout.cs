namespace Multiproc.Queues;

/// <summary>
/// Byte offsets of the control words in a queue segment (see <c>docs/queues.md</c>). The first page holds
/// them, each group on its own 64-byte cache line so producers and consumers do not false-share; the ring
/// of message bytes starts at <see cref="RingOffset"/>.
/// </summary>
internal static class QueueLayout
{
    /// <summary>A <c>SegmentHeader</c>-compatible prologue (magic "MPSH", version, user size, creator pid, reserved, creator start time).</summary>
    public const int SegmentMagic = 0;

    /// <summary>The value at <see cref="SegmentMagic"/>: "MPSH" little-endian, shared with the shared-memory segments' reaper.</summary>
    public const uint SegmentMagicValue = 0x48534D50;

    /// <summary>Segment header version (int).</summary>
    public const int SegmentVersion = 4;

    /// <summary>Bytes after the first page (long).</summary>
    public const int SegmentUserSize = 8;

    /// <summary>The creator's pid (int): the reaper removes the segment once it is gone.</summary>
    public const int SegmentCreatorPid = 16;

    /// <summary>The creator's start time (long, <c>ProcessLiveness.SelfStartTime</c>): with the pid it tells a reused pid apart.</summary>
    public const int SegmentCreatorStartTime = 24;

    /// <summary>"MPQU" (uint): this segment is a queue.</summary>
    public const int QueueMagic = 64;

    /// <summary>The value at <see cref="QueueMagic"/>.</summary>
    public const uint QueueMagicValue = 0x5551504D;

    /// <summary>The queue layout version (int).</summary>
    public const int QueueVersion = 68;

    /// <summary>Ring size in bytes (int, a power of two).</summary>
    public const int Capacity = 72;

    /// <summary>Python's maxsize: items, 0 = unbounded (int).</summary>
    public const int MaxSize = 76;

    /// <summary><see cref="QueueFlags"/> (int).</summary>
    public const int Flags = 80;

    /// <summary>
    /// Producers' lock (a <see cref="LockState"/>, 16 bytes, taken and released by <see cref="LockCore"/>): one
    /// compare-and-swap takes it and names the holder (pid and start time), so a holder killed at any instruction
    /// is recognised, even after its pid was reused, and replaced.
    /// </summary>
    public const int WriteLock = 128;

    /// <summary>
    /// The <see cref="Head"/> the current (or last) producer started from (long): written after
    /// <see cref="WriteJournalItems"/> and before any counter changes, so whoever takes over from a killed producer
    /// knows whether it had begun (this equals <see cref="Head"/>) and what to roll back to.
    /// </summary>
    public const int WriteJournalHead = 144;

    /// <summary>The <see cref="ItemsPut"/> the current (or last) producer started from (long).</summary>
    public const int WriteJournalItems = 152;

    /// <summary>Bytes ever published by producers (long); only the <see cref="WriteLock"/> holder writes it, last.</summary>
    public const int Head = 192;

    /// <summary>Items ever published (long), on the producers' line; raised before <see cref="Head"/>.</summary>
    public const int ItemsPut = 200;

    /// <summary>Consumers' lock (a <see cref="LockState"/>), as <see cref="WriteLock"/>.</summary>
    public const int ReadLock = 256;

    /// <summary>The <see cref="Tail"/> the current (or last) consumer started from (long), as <see cref="WriteJournalHead"/>.</summary>
    public const int ReadJournalTail = 272;

    /// <summary>The <see cref="ItemsGot"/> the current (or last) consumer started from (long).</summary>
    public const int ReadJournalItems = 280;

    /// <summary>Bytes ever consumed (long); only the <see cref="ReadLock"/> holder writes it, last.</summary>
    public const int Tail = 320;

    /// <summary>
    /// Items ever consumed (long), on the consumers' line; raised before <see cref="Tail"/>. The item count is
    /// <see cref="ItemsPut"/> − <see cref="ItemsGot"/>: no counter is written by both sides, so a put and a get
    /// touch each other's cache line only to read it.
    /// </summary>
    public const int ItemsGot = 328;

    /// <summary>Raised when a producer wakes sleeping consumers (int, futex): consumers sleep on it.</summary>
    public const int DataSeq = 448;

    /// <summary>How many consumers sleep on <see cref="DataSeq"/> (int); producers skip the wake syscall at 0.</summary>
    public const int DataWaiters = 452;

    /// <summary>
    /// 1 while a wake-up of the data sleepers is on its way (int): producers that find it set skip the wake syscall,
    /// so a burst of puts during the ~60 µs a sleeper needs to run makes one syscall, not one per put.
    /// </summary>
    public const int DataWakePending = 456;

    /// <summary>Raised when a consumer wakes producers waiting for room (int, futex): producers waiting for room sleep on it.</summary>
    public const int SpaceSeq = 512;

    /// <summary>How many producers sleep on <see cref="SpaceSeq"/> (int).</summary>
    public const int SpaceWaiters = 516;

    /// <summary>As <see cref="DataWakePending"/>, for producers sleeping on <see cref="SpaceSeq"/>.</summary>
    public const int SpaceWakePending = 520;

    /// <summary>
    /// JoinableQueue: items put and not yet marked done (the low int, a futex) and, in the high int, 1 while a
    /// producer has counted a task whose record it has not yet published. Both change in one atomic add, so a
    /// producer killed between counting and publishing is rolled back exactly (long).
    /// </summary>
    public const int Unfinished = 576;

    /// <summary>One in the high int of <see cref="Unfinished"/>: a task counted, its record not yet published.</summary>
    public const long UnfinishedPending = 1L << 32;

    /// <summary>How many processes sleep in Join on <see cref="Unfinished"/> (int).</summary>
    public const int JoinWaiters = 584;

    /// <summary>Where the ring starts: one page in, so it is page-aligned.</summary>
    public const int RingOffset = 4096;

    /// <summary>Every record starts with this header: payload length (int) and <see cref="RecordKind"/> (int).</summary>
    public const int RecordHeaderSize = 8;

    /// <summary>The layout version written at <see cref="QueueVersion"/>.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The bytes a record with <paramref name="payloadLength"/> bytes occupies in the ring (8-byte aligned).</summary>
    public static long RecordSize(int payloadLength) => RecordHeaderSize + (((long)payloadLength + 7) & ~7L);
}
