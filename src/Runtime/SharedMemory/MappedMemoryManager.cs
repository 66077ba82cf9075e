using System.Buffers;

namespace Multiproc;

/// <summary>
/// A <see cref="MemoryManager{T}"/> over (part of) a mapping, so shared memory can be handed out as
/// <see cref="Memory{T}"/> without copying. Pinning is free: the mapping never moves.
/// </summary>
internal sealed unsafe class MappedMemoryManager : MemoryManager<byte>
{
    private readonly SharedMemory _owner;
    private readonly int _length;

    public MappedMemoryManager(SharedMemory owner, int length)
    {
        _owner = owner;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_owner.DataPointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_owner.DataPointer + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
