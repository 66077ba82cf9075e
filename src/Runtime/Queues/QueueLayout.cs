namespace Multiproc.Queues;

/// <summary>
/// Byte offsets of the control words in a queue's <see cref="Segment"/> (see <c>docs/queues.md</c>). The first page holds
/// them, each group on its own 64-byte cache line so producers and consumers do not false-share; the ring
/// of message bytes starts at <see cref="RingOffset"/>.
/// </summary>
internal static class QueueLayout
{
    /// <summary>
    /// Where the queue's bytes start in the file: after the <see cref="SegmentHeader"/> every <see cref="Segment"/>
    /// begins with (magic, version, creator pid and start time, which the reaper reads). Every offset below is from the
    /// start of the file (the mapping's <see cref="Segment.BasePointer"/>).
    /// </summary>
    public const int Control = SegmentHeader.Size;

    /// <summary>"MPQU" (uint): this segment is a queue.</summary>
    public const int QueueMagic = Control + 64;

    /// <summary>The value at <see cref="QueueMagic"/>.</summary>
    public const uint QueueMagicValue = 0x5551504D;

    /// <summary>The queue layout version (int).</summary>
    public const int QueueVersion = Control + 68;

    /// <summary>Ring size in bytes (int, a power of two).</summary>
    public const int Capacity = Control + 72;

    /// <summary>Python's maxsize: items, 0 = unbounded (int).</summary>
    public const int MaxSize = Control + 76;

    /// <summary><see cref="QueueFlags"/> (int).</summary>
    public const int Flags = Control + 80;

    /// <summary>
    /// Producers' lock (a <see cref="LockState"/>, 16 bytes, taken and released by <see cref="LockCore"/>): one
    /// compare-and-swap takes it and names the holder (pid and start time), so a holder killed at any instruction
    /// is recognised, even after its pid was reused, and replaced.
    /// </summary>
    public const int WriteLock = Control + 128;

    /// <summary>
    /// The <see cref="Head"/> the current (or last) producer started from (long): written after
    /// <see cref="WriteJournalItems"/> and before any counter changes, so whoever takes over from a killed producer
    /// knows whether it had begun (this equals <see cref="Head"/>) and what to roll back to.
    /// </summary>
    public const int WriteJournalHead = Control + 144;

    /// <summary>The <see cref="ItemsPut"/> the current (or last) producer started from (long).</summary>
    public const int WriteJournalItems = Control + 152;

    /// <summary>Bytes ever published by producers (long); only the <see cref="WriteLock"/> holder writes it, last.</summary>
    public const int Head = Control + 192;

    /// <summary>Items ever published (long), on the producers' line; raised before <see cref="Head"/>.</summary>
    public const int ItemsPut = Control + 200;

    /// <summary>Consumers' lock (a <see cref="LockState"/>), as <see cref="WriteLock"/>.</summary>
    public const int ReadLock = Control + 256;

    /// <summary>The <see cref="Tail"/> the current (or last) consumer started from (long), as <see cref="WriteJournalHead"/>.</summary>
    public const int ReadJournalTail = Control + 272;

    /// <summary>The <see cref="ItemsGot"/> the current (or last) consumer started from (long).</summary>
    public const int ReadJournalItems = Control + 280;

    /// <summary>Bytes ever consumed (long); only the <see cref="ReadLock"/> holder writes it, last.</summary>
    public const int Tail = Control + 320;

    /// <summary>
    /// Items ever consumed (long), on the consumers' line; raised before <see cref="Tail"/>. The item count is
    /// <see cref="ItemsPut"/> − <see cref="ItemsGot"/>: no counter is written by both sides, so a put and a get
    /// touch each other's cache line only to read it.
    /// </summary>
    public const int ItemsGot = Control + 328;

    /// <summary>Raised when a producer wakes sleeping consumers (int, futex): consumers sleep on it.</summary>
    public const int DataSeq = Control + 448;

    /// <summary>How many consumers sleep on <see cref="DataSeq"/> (int); producers skip the wake syscall at 0.</summary>
    public const int DataWaiters = Control + 452;

    /// <summary>
    /// 1 while a wake-up of the data sleepers is on its way (int): producers that find it set skip the wake syscall,
    /// so a burst of puts during the ~60 µs a sleeper needs to run makes one syscall, not one per put.
    /// </summary>
    public const int DataWakePending = Control + 456;

    /// <summary>Raised when a consumer wakes producers waiting for room (int, futex): producers waiting for room sleep on it.</summary>
    public const int SpaceSeq = Control + 512;

    /// <summary>How many producers sleep on <see cref="SpaceSeq"/> (int).</summary>
    public const int SpaceWaiters = Control + 516;

    /// <summary>As <see cref="DataWakePending"/>, for producers sleeping on <see cref="SpaceSeq"/>.</summary>
    public const int SpaceWakePending = Control + 520;

    /// <summary>
    /// JoinableQueue: items put and not yet marked done (the low int, a futex) and, in the high int, 1 while a
    /// producer has counted a task whose record it has not yet published. Both change in one atomic add, so a
    /// producer killed between counting and publishing is rolled back exactly (long).
    /// </summary>
    public const int Unfinished = Control + 576;

    /// <summary>One in the high int of <see cref="Unfinished"/>: a task counted, its record not yet published.</summary>
    public const long UnfinishedPending = 1L << 32;

    /// <summary>How many processes sleep in Join on <see cref="Unfinished"/> (int).</summary>
    public const int JoinWaiters = Control + 584;

    /// <summary>Where the ring starts: one page into the file, so it is page-aligned.</summary>
    public const int RingOffset = 4096;

    /// <summary>The segment's user size (what follows its header) for a ring of <paramref name="capacity"/> bytes.</summary>
    public static long SegmentSize(int capacity) => RingOffset - Control + (long)capacity;

    /// <summary>Every record starts with this header: payload length (int) and <see cref="RecordKind"/> (int).</summary>
    public const int RecordHeaderSize = 8;

    /// <summary>The layout version written at <see cref="QueueVersion"/> (3: the control words follow the segment header).</summary>
    public const int CurrentVersion = 3;

    /// <summary>The bytes a record with <paramref name="payloadLength"/> bytes occupies in the ring (8-byte aligned).</summary>
    public static long RecordSize(int payloadLength) => RecordHeaderSize + (((long)payloadLength + 7) & ~7L);
}
