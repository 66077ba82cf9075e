using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// The segment behind a <see cref="SharedValue{T}"/> or <see cref="SharedArray{T}"/>. Layout of the data:
/// <code>
///  0  int  kind tag (Value or Array)      4  int  element size (checked on attach)
///  8  int  flags (1 = has a lock)        12  int  reserved
/// 16  long element count
/// 24  RLock region (8-byte tag + 24-byte state), used only when the block has a lock
/// 64  the elements, 64-byte aligned
/// </code>
/// </summary>
internal sealed unsafe class SharedBlock
{
    public const int DataOffset = 64;
    private const int LockOffset = 24;
    private const int HasLockFlag = 1;

    private readonly SharedRegion _region;
    private readonly SharedObjectKind _kind;
    private ProcessRLock? _lock;

    private SharedBlock(SharedRegion region, SharedObjectKind kind)
    {
        _region = region;
        _kind = kind;
        Length = *(long*)(Base + 16);
    }

    public long Length { get; }

    public bool HasLock => (*(int*)(Base + 8) & HasLockFlag) != 0;

    /// <summary>The first element.</summary>
    public byte* Data => Base + DataOffset;

    private byte* Base => _region.Segment.DataPointer + _region.Offset;

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the block's segment is closed.</summary>
    public void EnsureOpen() => _region.EnsureOpen();

    /// <summary>Describes the block for its public type's <c>ToString()</c> (see <see cref="SharedRegion.Describe"/>).</summary>
    public string Describe(string kind, Func<string> state) => _region.Describe(kind, state);

    public static SharedBlock Create(SharedObjectKind kind, int elementSize, long length, bool withLock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > (long.MaxValue - DataOffset) / Math.Max(1, elementSize))
        {
            ThrowHelper.ThrowSharedArrayTooLarge(nameof(length), length);
        }

        SharedMemory segment = SharedMemory.Create(DataOffset + Math.Max(1, length * elementSize));
        byte* b = segment.DataPointer;
        *(int*)b = (int)kind;
        *(int*)(b + 4) = elementSize;
        *(int*)(b + 8) = withLock ? HasLockFlag : 0;
        *(long*)(b + 16) = length;
        if (withLock)
        {
            SharedRegion.Carve(segment, LockOffset, SharedObjectKind.RLock, initialize: true);
        }

        return new SharedBlock(new SharedRegion(segment, 0, ownsSegment: true), kind);
    }

    /// <summary>The lock (Python's <c>get_lock()</c>).</summary>
    /// <exception cref="InvalidOperationException">The block was created lock-free.</exception>
    public ProcessRLock GetLock(string typeName)
    {
        if (!HasLock)
        {
            ThrowHelper.ThrowCreatedLockFreeRawValueRawArrayLock(typeName);
        }

        return _lock ??= ProcessRLock.FromRegion(SharedRegion.Carve(_region.Segment, _region.Offset + LockOffset, SharedObjectKind.RLock, initialize: false));
    }

    public void Write(ref WireWriter writer)
    {
        _region.Write(ref writer, _kind);
        writer.WriteInt32(*(int*)(Base + 4));
    }

    public static SharedBlock Read(ref WireReader reader, SharedObjectKind kind, int elementSize, string typeName)
    {
        SharedRegion region = SharedRegion.Read(ref reader, kind, DataOffset - SharedRegion.TagSize, typeName);
        int sentSize = reader.ReadInt32();
        byte* b = region.Segment.DataPointer + region.Offset;
        long length = *(long*)(b + 16);
        if (sentSize != elementSize || *(int*)(b + 4) != elementSize || length < 0 || length * elementSize > region.Segment.Size - region.Offset - DataOffset)
        {
            region.Dispose();
            ThrowHelper.ThrowSharedMemoryDoesNotHoldByte(region.Segment.Name, typeName, elementSize);
        }

        return new SharedBlock(region, kind);
    }

    public void Dispose() => _region.Dispose();
}
