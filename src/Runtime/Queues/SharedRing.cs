using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Multiproc.Interop;
using System.Text;
using Multiproc.Serialization;
using static Multiproc.Queues.QueueLayout;

namespace Multiproc.Queues;

/// <summary>
/// The transport under every queue type: a byte ring in one <c>/dev/shm</c> segment that any number of
/// processes map. Producers serialize under a futex lock (<see cref="QueueLayout.WriteLock"/>) and consumers
/// under another (<see cref="QueueLayout.ReadLock"/>), so one producer and one consumer run at the same time
/// and a record is published by one store of <see cref="QueueLayout.Head"/> after it is fully copied. Sleepers
/// register in a waiter count so that the other side only makes the wake syscall when somebody sleeps.
/// Messages larger than half the ring are spilled to their own segment (<see cref="SpillFile"/>) and the ring
/// carries the segment's name. See <c>docs/queues.md</c>.
/// </summary>
[DebuggerDisplay("{Name,nq} closed={_closed} capacity={_capacity}")]
internal sealed unsafe class SharedRing : IDisposable
{
    /// <summary>The default ring size: 4 MiB of <c>/dev/shm</c> (pages are only used once touched).</summary>
    public const int DefaultCapacity = 4 << 20;

    /// <summary>The segment name of every queue starts so (its file, and <see cref="Name"/>, with <c>mp_q_</c>).</summary>
    private const string SegmentNamePrefix = "q_";

    /// <summary>How long one futex sleep lasts at most before a waiter checks for closing and dead lock owners.</summary>
    private static readonly long s_sliceTicks = Stopwatch.Frequency / 10;

    /// <summary>The mapping; pinned by every operation.</summary>
    private readonly Segment _segment;

    /// <summary>Start of the control page.</summary>
    private readonly byte* _base;

    /// <summary>Start of the ring (<see cref="QueueLayout.RingOffset"/> into the segment).</summary>
    private readonly byte* _ring;

    /// <summary>Ring size in bytes, a power of two.</summary>
    private readonly int _capacity;

    /// <summary>True when this handle created the segment and removes it on close.</summary>
    private readonly bool _owner;

    /// <summary>A recent <see cref="QueueLayout.Tail"/> (a lower bound), read by producers of this handle under the producers' lock.</summary>
    private long _knownTail;

    /// <summary>A recent <see cref="QueueLayout.ItemsGot"/> (a lower bound), read under the producers' lock.</summary>
    private long _knownItemsGot;

    /// <summary>A recent <see cref="QueueLayout.Head"/> (a lower bound), read by consumers of this handle under the consumers' lock.</summary>
    private long _knownHead;

    /// <summary>Python's maxsize, read once from the control page.</summary>
    private readonly int _maxSize;

    private AdaptiveSpin _dataSpin;
    private AdaptiveSpin _spaceSpin;
    private AdaptiveSpin _lockSpin;
    private volatile bool _closed;

    /// <summary>1 once <see cref="Dispose"/> ran (it may race with itself on two threads).</summary>
    private int _disposed;

    private SharedRing(Segment segment, bool owner)
    {
        Name = SegmentRegistry.FilePrefix + segment.Name;
        _segment = segment;
        _base = segment.BasePointer;
        _ring = segment.BasePointer + RingOffset;
        _capacity = Int32(Capacity);
        _maxSize = Int32(QueueLayout.MaxSize);
        Joinable = (((QueueFlags)Int32(Flags)) & QueueFlags.Joinable) != 0;
        _owner = owner;
    }

    /// <summary>The segment's file name under <c>/dev/shm</c> (<c>mp_q_…</c>): what travels to a child.</summary>
    public string Name { get; }

    /// <summary>Python's maxsize (0 = unbounded by item count).</summary>
    /// <exception cref="ObjectDisposedException">This handle is closed.</exception>
    public int MaxSize
    {
        get
        {
            ThrowIfClosed();
            return _maxSize;
        }
    }

    /// <summary>True for a JoinableQueue's segment.</summary>
    public bool Joinable { get; }

    /// <summary>True after <see cref="Dispose"/>.</summary>
    public bool IsClosed => _closed;

    /// <summary>Items in the queue (approximate while other processes put and get), never negative.</summary>
    /// <exception cref="ObjectDisposedException">This handle is closed (its mapping may be gone).</exception>
    public int Count
    {
        get
        {
            Enter();
            try
            {
                RepairIfAbandoned(WriteLock);
                RepairIfAbandoned(ReadLock);
                long got = Volatile.Read(ref Int64(ItemsGot));
                return (int)Math.Clamp(Volatile.Read(ref Int64(ItemsPut)) - got, 0, int.MaxValue);
            }
            finally
            {
                _segment.Exit();
            }
        }
    }

    /// <summary>
    /// True when a published record is waiting, so a get would not block (unless another consumer takes it first).
    /// Reads the head before the tail, so it never reports a record that was already taken when the call began.
    /// </summary>
    /// <exception cref="InvalidOperationException">This handle is closed.</exception>
    public bool HasData
    {
        get
        {
            Enter();
            try
            {
                long head = Volatile.Read(ref Int64(Head));
                return head - Volatile.Read(ref Int64(Tail)) >= RecordHeaderSize;
            }
            finally
            {
                _segment.Exit();
            }
        }
    }

    /// <summary>The largest payload stored inline; larger ones are spilled.</summary>
    private int InlineLimit => (_capacity / 2) - RecordHeaderSize;

    /// <summary>Creates a new queue segment owned by this process.</summary>
    public static SharedRing Create(int maxSize, int capacity, QueueFlags flags)
    {
        // Spilled messages are the segment's companion files (<path>_<random>): they go when it is unlinked.
        Segment segment = Segment.Create(null, static () => SegmentNamePrefix + Convert.ToHexStringLower(OsRandom.GetBytes(8)), SegmentSize(capacity), companionFiles: true);
        byte* p = segment.BasePointer;
        *(int*)(p + QueueVersion) = CurrentVersion;
        *(int*)(p + Capacity) = capacity;
        *(int*)(p + QueueLayout.MaxSize) = maxSize;
        *(int*)(p + Flags) = (int)flags;
        Volatile.Write(ref *(uint*)(p + QueueMagic), QueueMagicValue);
        return new SharedRing(segment, owner: true);
    }

    /// <summary>Attaches to a queue segment another handle (usually another process) created.</summary>
    /// <exception cref="InvalidOperationException">The segment is gone or is not a queue.</exception>
    public static SharedRing Attach(string name)
    {
        if (!IsValidName(name))
        {
            ThrowHelper.ThrowNotAQueueName(name);
        }

        Segment? attached;
        try
        {
            attached = Segment.TryAttach(name[SegmentRegistry.FilePrefix.Length..], hookExit: false);
        }
        catch (IOException e)
        {
            throw ThrowHelper.CreateQueueCorrupt($"'{name}' does not hold a queue of this Multiproc version ({e.Message})");
        }

        Segment segment = attached ?? throw ThrowHelper.CreateQueueGone(name);
        byte* p = segment.BasePointer;
        if (segment.Size < SegmentSize(0)
            || Volatile.Read(ref *(uint*)(p + QueueMagic)) != QueueMagicValue
            || *(int*)(p + QueueVersion) != CurrentVersion
            || SegmentSize(*(int*)(p + Capacity)) != segment.Size)
        {
            segment.Close();
            ThrowHelper.ThrowQueueCorrupt($"'{name}' does not hold a queue of this Multiproc version");
        }

        return new SharedRing(segment, owner: false);
    }

    /// <summary>Rounds a requested ring size up to a power of two of at least 64 KiB.</summary>
    public static int NormalizeCapacity(int requested)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requested, 1, "bufferSize");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requested, 1 << 30, "bufferSize");
        return (int)Math.Max(64 * 1024, BitOperations.RoundUpToPowerOf2((uint)requested));
    }

    /// <summary>
    /// Appends one message; false when <paramref name="deadline"/> passed first (lock, maxsize or ring space).
    /// Returns only once the message is in shared memory: nothing stays behind in this process.
    /// </summary>
    public bool TryPut(ReadOnlySpan<byte> message, long deadline)
    {
        Enter();
        try
        {
            if (message.Length <= InlineLimit)
            {
                return TryAppend(message, RecordKind.Inline, deadline);
            }

            string path = SpillFile.Write(_base, Name, message);
            bool added = false;
            try
            {
                added = TryAppend(Encoding.UTF8.GetBytes(path), RecordKind.Spilled, deadline);
                return added;
            }
            finally
            {
                if (!added)
                {
                    SegmentRegistry.UnlinkPath(path);
                }
            }
        }
        finally
        {
            _segment.Exit();
        }
    }

    /// <summary>
    /// Removes the oldest message and decodes it with <paramref name="serializer"/> (in place in the ring when
    /// it is contiguous); false when <paramref name="deadline"/> passed first. A message that fails to decode is
    /// consumed and the decoding error propagates.
    /// </summary>
    public bool TryGet<T>(WireSerializer<T> serializer, long deadline, out T item)
    {
        item = default!;
        Enter();
        try
        {
            if (!AcquireLock(ReadLock, deadline))
            {
                return false;
            }

            try
            {
                if (!Await(forData: true, 0, deadline))
                {
                    return false;
                }

                item = ConsumeOne(serializer);
                return true;
            }
            finally
            {
                LockCore.Release(LockAt(ReadLock));
            }
        }
        finally
        {
            _segment.Exit();
        }
    }

    /// <summary>JoinableQueue.task_done: one fewer unfinished item; wakes joiners at zero.</summary>
    public void TaskDone()
    {
        Enter();
        try
        {
            ref int unfinished = ref Int32(Unfinished);
            while (true)
            {
                int value = Volatile.Read(ref unfinished);
                if (value <= 0)
                {
                    ThrowHelper.ThrowTaskDoneTooManyTimes();
                }

                if (Interlocked.CompareExchange(ref unfinished, value - 1, value) == value)
                {
                    if (value == 1 && Volatile.Read(ref Int32(JoinWaiters)) > 0)
                    {
                        Futex.WakeAll((int*)(_base + Unfinished));
                    }

                    return;
                }
            }
        }
        finally
        {
            _segment.Exit();
        }
    }

    /// <summary>Unfinished items (JoinableQueue).</summary>
    public int UnfinishedCount
    {
        get
        {
            Enter();
            try
            {
                return Volatile.Read(ref Int32(Unfinished));
            }
            finally
            {
                _segment.Exit();
            }
        }
    }

    /// <summary>JoinableQueue.join: waits until every item put has been marked done; false at the deadline.</summary>
    public bool Join(long deadline)
    {
        Enter();
        try
        {
            int* word = (int*)(_base + Unfinished);
            while (true)
            {
                int value = Volatile.Read(ref *word);
                if (value <= 0)
                {
                    return true;
                }

                Interlocked.Increment(ref Int32(JoinWaiters));
                try
                {
                    if (Volatile.Read(ref *word) == value && !Sleep(word, value, deadline))
                    {
                        return Volatile.Read(ref *word) <= 0;
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref Int32(JoinWaiters));
                }

                ThrowIfClosed();
            }
        }
        finally
        {
            _segment.Exit();
        }
    }

    /// <summary>
    /// Closes this handle: operations in flight on other threads end within one sleep slice, the mapping goes
    /// once they have. The creating handle also removes the segment and any spilled messages it still holds.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _closed = true;
        if (_owner)
        {
            // Removes the segment with any spilled messages still waiting in it.
            _segment.Dispose();
        }
        else
        {
            _segment.Close();
        }
    }

    /// <summary>Queue segment names are <c>mp_q_</c> and 16 hex digits; anything else is rejected when decoding.</summary>
    public static bool IsValidName(string name) =>
        name.Length == 21 && name.StartsWith("mp_q_", StringComparison.Ordinal) && name.AsSpan(5).ContainsAnyExcept("0123456789abcdef") is false;

    private bool TryAppend(ReadOnlySpan<byte> payload, RecordKind kind, long deadline)
    {
        long size = RecordSize(payload.Length);
        if (!AcquireLock(WriteLock, deadline))
        {
            return false;
        }

        try
        {
            if (!Await(forData: false, size, deadline))
            {
                return false;
            }

            ref long head = ref Int64(Head);
            ref long itemsPut = ref Int64(ItemsPut);
            long position = head;
            long items = itemsPut;

            // Journal first (see RepairAfterDeadProducer): a kill at any later instruction can be undone exactly.
            Volatile.Write(ref Int64(WriteJournalItems), items);
            Volatile.Write(ref Int64(WriteJournalHead), position);
            if (Joinable)
            {
                Interlocked.Add(ref Int64(Unfinished), 1 + UnfinishedPending);
            }

            int offset = (int)(position & (_capacity - 1));
            *(int*)(_ring + offset) = payload.Length;
            *(int*)(_ring + offset + 4) = (int)kind;
            CopyIn(position + RecordHeaderSize, payload);
            Volatile.Write(ref itemsPut, items + 1);
            Volatile.Write(ref head, position + size);
            if (Joinable)
            {
                Interlocked.Add(ref Int64(Unfinished), -UnfinishedPending);
            }

            Interlocked.MemoryBarrier();
            WakeSleepers(forData: true);

            return true;
        }
        finally
        {
            LockCore.Release(LockAt(WriteLock));
        }
    }

    private T ConsumeOne<T>(WireSerializer<T> serializer)
    {
        ref long tail = ref Int64(Tail);
        long position = tail;
        int offset = (int)(position & (_capacity - 1));
        int length = *(int*)(_ring + offset);
        var kind = (RecordKind)(*(int*)(_ring + offset + 4));
        long size = RecordSize(length);
        if (length < 0 || size > _knownHead - position || kind is not (RecordKind.Inline or RecordKind.Spilled))
        {
            ThrowHelper.ThrowQueueCorrupt($"record of {length} bytes, kind {(int)kind} at offset {position}");
        }

        byte[]? rented = null;
        string? spill = null;
        try
        {
            int payloadOffset = (int)((position + RecordHeaderSize) & (_capacity - 1));
            ReadOnlySpan<byte> payload;
            if (payloadOffset + length <= _capacity)
            {
                payload = new ReadOnlySpan<byte>(_ring + payloadOffset, length);
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent(length);
                CopyOut(position + RecordHeaderSize, rented.AsSpan(0, length));
                payload = rented.AsSpan(0, length);
            }

            if (kind == RecordKind.Inline)
            {
                return serializer.Deserialize(payload);
            }

            string path = Encoding.UTF8.GetString(payload);
            if (!SpillFile.IsSpillPathOf(path, Name))
            {
                // Validated before anything touches the path: the finally below deletes only a real spill file.
                ThrowHelper.ThrowQueueCorrupt($"'{path}' is not a spill file of this queue");
            }

            spill = path;
            return SpillFile.Read(spill, Name, serializer);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            // Journal, count, then free the bytes (see RepairAfterDeadConsumer).
            ref long itemsGot = ref Int64(ItemsGot);
            long got = itemsGot;
            Volatile.Write(ref Int64(ReadJournalItems), got);
            Volatile.Write(ref Int64(ReadJournalTail), position);
            Volatile.Write(ref itemsGot, got + 1);
            Volatile.Write(ref tail, position + size);
            Interlocked.MemoryBarrier();
            WakeSleepers(forData: false);

            if (spill is not null)
            {
                SegmentRegistry.UnlinkPath(spill);
            }
        }
    }

    /// <summary>
    /// After a publish (<paramref name="forData"/>) or a consume, wakes the other side's sleepers if there are any
    /// and no wake-up is already on its way. The caller's preceding full fence orders its head or tail store
    /// before the read of the waiter count; a sleeper raises the count (a full fence) before re-checking.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WakeSleepers(bool forData)
    {
        if (Volatile.Read(ref Int32(forData ? DataWaiters : SpaceWaiters)) > 0
            && Interlocked.Exchange(ref Int32(forData ? DataWakePending : SpaceWakePending), 1) == 0)
        {
            int* sequence = (int*)(_base + (forData ? DataSeq : SpaceSeq));
            Interlocked.Increment(ref *sequence);
            Futex.WakeAll(sequence);
        }
    }

    /// <summary>True when a consumer can read a record header, or a producer can append <paramref name="size"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Ready(bool forData, long size)
    {
        if (forData)
        {
            long tail = Int64(Tail);
            return _knownHead - tail >= RecordHeaderSize || (_knownHead = Volatile.Read(ref Int64(Head))) - tail >= RecordHeaderSize;
        }

        // Producers compare with cached lower bounds of the consumers' counters first, so that the consumers'
        // cache line is read only when the ring or maxsize looks full.
        long head = Int64(Head);
        if (_capacity - (head - _knownTail) < size && _capacity - (head - (_knownTail = Volatile.Read(ref Int64(Tail)))) < size)
        {
            return false;
        }

        long put = Int64(ItemsPut);
        return _maxSize <= 0 || put - _knownItemsGot < _maxSize || put - (_knownItemsGot = Volatile.Read(ref Int64(ItemsGot))) < _maxSize;
    }

    /// <summary>Spins (adaptively), then sleeps on the data or space sequence word until <see cref="Ready"/>.</summary>
    private bool Await(bool forData, long size, long deadline)
    {
        if (Ready(forData, size))
        {
            return true;
        }

        ref AdaptiveSpin spin = ref forData ? ref _dataSpin : ref _spaceSpin;
        long budget = Futex.Expired(deadline) ? 0 : spin.NextBudget();
        if (budget > 0)
        {
            long start = Stopwatch.GetTimestamp();
            do
            {
                AdaptiveSpin.Pause();
                if (Ready(forData, size))
                {
                    spin.Succeeded();
                    return true;
                }
            }
            while (Stopwatch.GetTimestamp() - start < budget);
            spin.Failed(budget);
        }

        int* sequence = (int*)(_base + (forData ? DataSeq : SpaceSeq));
        ref int waiters = ref Int32(forData ? DataWaiters : SpaceWaiters);
        ref int wakePending = ref Int32(forData ? DataWakePending : SpaceWakePending);
        while (true)
        {
            // Cleared before the sequence is read: a wake-up claimed after this point raises the sequence after
            // it, so the futex wait below either sees the change or is woken (see WakeSleepers).
            Volatile.Write(ref wakePending, 0);
            int observed = Volatile.Read(ref *sequence);
            Interlocked.Increment(ref waiters);
            try
            {
                if (Ready(forData, size))
                {
                    return true;
                }

                if (!Sleep(sequence, observed, deadline))
                {
                    return Ready(forData, size);
                }
            }
            finally
            {
                Interlocked.Decrement(ref waiters);
            }

            ThrowIfClosed();
        }
    }

    private bool AcquireLock(int lockOffset, long deadline)
    {
        ThrowIfClosed();
        return LockCore.TryAcquire(LockAt(lockOffset)) || AcquireLockSlow(lockOffset, deadline);
    }

    /// <summary>
    /// Spins adaptively, then sleeps in slices so that a <see cref="Dispose"/> on another thread ends the wait; takes
    /// the lock over from a holder that died (SIGKILL, crash) and repairs what it left half done.
    /// </summary>
    private bool AcquireLockSlow(int lockOffset, long deadline)
    {
        LockState* state = LockAt(lockOffset);
        LockAcquireOutcome outcome = LockCore.AcquireAdaptive(state, Math.Min(deadline, Stopwatch.GetTimestamp() + s_sliceTicks), ref _lockSpin);
        while (outcome == LockAcquireOutcome.TimedOut)
        {
            if (Futex.Expired(deadline))
            {
                return false;
            }

            ThrowIfClosed();
            outcome = LockCore.Acquire(state, blocking: true, Math.Min(deadline, Stopwatch.GetTimestamp() + s_sliceTicks));
        }

        if (outcome == LockAcquireOutcome.Abandoned)
        {
            if (lockOffset == WriteLock)
            {
                RepairAfterDeadProducer();
            }
            else
            {
                RepairAfterDeadConsumer();
            }
        }

        return true;
    }

    /// <summary>
    /// The counts are read only after a lock left by a dead holder is taken over and its half-done step repaired.
    /// Otherwise the repair waits for the next Put or Get of that side: until then a producer killed between counting
    /// an item and publishing it would leave the count saying 1 while the ring is empty, and a program that puts only
    /// when the count says empty would wait for ever (seen once in CI, after about 130 aimed kills). A free lock costs
    /// one read; a held one, a liveness check of its owner.
    /// </summary>
    private void RepairIfAbandoned(int lockOffset)
    {
        LockState* state = LockAt(lockOffset);
        if (Volatile.Read(ref state->Word) == 0)
        {
            return;
        }

        switch (LockCore.Acquire(state, blocking: false, 0))
        {
            case LockAcquireOutcome.Abandoned:
                if (lockOffset == WriteLock)
                {
                    RepairAfterDeadProducer();
                }
                else
                {
                    RepairAfterDeadConsumer();
                }

                LockCore.Release(state);
                break;
            case LockAcquireOutcome.Acquired:
                LockCore.Release(state);
                break;
        }
    }

    /// <summary>
    /// A producer died holding the lock. If it had begun (its journal names the current head), its record was never
    /// published: the item count and a JoinableQueue task it may have counted are rolled back. If it had published,
    /// only the task's pending mark is cleared. The record bytes it may have copied lie beyond the head, unseen.
    /// </summary>
    private void RepairAfterDeadProducer()
    {
        bool unpublished = Volatile.Read(ref Int64(WriteJournalHead)) == Int64(Head);
        if (unpublished)
        {
            Volatile.Write(ref Int64(ItemsPut), Volatile.Read(ref Int64(WriteJournalItems)));
        }

        if (Joinable && (Volatile.Read(ref Int64(Unfinished)) & ~0xFFFF_FFFFL) != 0)
        {
            Interlocked.Add(ref Int64(Unfinished), unpublished ? -(1 + UnfinishedPending) : -UnfinishedPending);
            if (unpublished && Volatile.Read(ref Int32(JoinWaiters)) > 0)
            {
                Futex.WakeAll((int*)(_base + Unfinished));
            }
        }
    }

    /// <summary>
    /// A consumer died holding the lock. If it had counted its record but not freed it (its journal names the
    /// current tail), the count is rolled back and the record stays for the next consumer, as does one it had only
    /// begun to read.
    /// </summary>
    private void RepairAfterDeadConsumer()
    {
        if (Volatile.Read(ref Int64(ReadJournalTail)) == Int64(Tail))
        {
            Volatile.Write(ref Int64(ItemsGot), Volatile.Read(ref Int64(ReadJournalItems)));
        }
    }

    private LockState* LockAt(int offset) => (LockState*)(_base + offset);

    /// <summary>
    /// Sleeps while <c>*address == expected</c>, at most one slice; false only when <paramref name="deadline"/>
    /// has passed (callers re-check their condition in every other case).
    /// </summary>
    private static bool Sleep(int* address, int expected, long deadline)
    {
        long now = Stopwatch.GetTimestamp();
        Futex.Wait(address, expected, deadline - now > s_sliceTicks ? now + s_sliceTicks : deadline);
        return !Futex.Expired(deadline);
    }

    private void CopyIn(long position, ReadOnlySpan<byte> source)
    {
        int offset = (int)(position & (_capacity - 1));
        int first = Math.Min(source.Length, _capacity - offset);
        source[..first].CopyTo(new Span<byte>(_ring + offset, first));
        source[first..].CopyTo(new Span<byte>(_ring, source.Length - first));
    }

    private void CopyOut(long position, Span<byte> destination)
    {
        int offset = (int)(position & (_capacity - 1));
        int first = Math.Min(destination.Length, _capacity - offset);
        new ReadOnlySpan<byte>(_ring + offset, first).CopyTo(destination);
        new ReadOnlySpan<byte>(_ring, destination.Length - first).CopyTo(destination[first..]);
    }

    private void Enter()
    {
        if (_closed || !_segment.TryEnter())
        {
            ThrowHelper.ThrowQueueClosed();
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            ThrowHelper.ThrowQueueClosed();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Int32(int offset) => ref *(int*)(_base + offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref long Int64(int offset) => ref *(long*)(_base + offset);
}
