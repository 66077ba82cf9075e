using System.Buffers;
using System.Diagnostics;
using Multiproc.Interop;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A block of memory shared between processes, mirroring Python's
/// <c>multiprocessing.shared_memory.SharedMemory</c>. On Linux it is a file <c>/dev/shm/mp_&lt;Name&gt;</c>
/// mapped into every process that opens it; the bytes are seen by all of them without copying.
/// Passed to a <c>[ProcessTarget]</c> it travels as its name and the child maps the same memory.
/// </summary>
/// <remarks>
/// Any process may use an instance from any thread; access to the bytes is not synchronized (use a
/// <see cref="ProcessLock"/>). The first page of the file holds a Multiproc header (creator pid and
/// start time, size); <see cref="Span"/> covers only the user's <see cref="Size"/> bytes after it.
/// Spans and memory handed out become invalid at <see cref="Close"/>; do not use them afterwards.
/// </remarks>
[DebuggerDisplay("SharedMemory {Name,nq} ({Size} bytes)")]
public sealed unsafe class SharedMemory : IDisposable, IWireSerializable<SharedMemory>
{
    private const int MaxNameLength = 200;

    /// <summary>The mapping (create, attach, leases, unlink): the runtime's one segment type.</summary>
    private readonly Segment _segment;
    private MappedMemoryManager? _manager;

    /// <summary>
    /// Creates a new segment or attaches to an existing one, exactly like Python's
    /// <c>SharedMemory(name=None, create=False, size=0)</c>. Does not block.
    /// </summary>
    /// <param name="name">The segment's name; null to generate a unique one (only with <paramref name="create"/>).</param>
    /// <param name="create">True to create a new segment, false to attach to an existing one.</param>
    /// <param name="size">The size in bytes of a new segment (ignored when attaching).</param>
    /// <exception cref="ArgumentOutOfRangeException">Creating with a size of zero or less.</exception>
    /// <exception cref="ArgumentException">Attaching without a name, or a name containing '/' or NUL or too long.</exception>
    /// <exception cref="IOException">Creating a segment whose name already exists.</exception>
    /// <exception cref="FileNotFoundException">Attaching to a name that does not exist.</exception>
    public SharedMemory(string? name = null, bool create = false, long size = 0)
    {
        if (create)
        {
            if (size <= 0)
            {
                ThrowHelper.ThrowSizeNewSharedMemorySegmentMust(nameof(size), size);
            }

            if (size > long.MaxValue - SegmentHeader.Size)
            {
                ThrowHelper.ThrowSizeNewSharedMemorySegmentToo(nameof(size), size);
            }

            if (name is not null)
            {
                ValidateName(name);
            }

            _segment = Segment.Create(name, GenerateName, size, companionFiles: false);
        }
        else
        {
            if (name is null)
            {
                ThrowHelper.ThrowNameRequiredAttachExistingSharedMemory(nameof(name));
            }

            ValidateName(name);
            string path = SegmentRegistry.PathOf(name);
            _segment = Segment.TryAttach(name, hookExit: true)
                ?? throw ThrowHelper.CreateNoSharedMemorySegmentNamedNeverCreated(name, path, path);
        }
    }

    /// <summary>Creates a new segment of <paramref name="size"/> zeroed bytes (Python's <c>SharedMemory(name, create=True, size=size)</c>). Does not block.</summary>
    /// <param name="size">The size in bytes; must be positive.</param>
    /// <param name="name">The name, or null to generate a unique one.</param>
    /// <returns>The new segment; this process is its creator and unlinks it on <see cref="Dispose"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is zero or negative.</exception>
    /// <exception cref="IOException">A segment with that name already exists.</exception>
    public static SharedMemory Create(long size, string? name = null) => new(name, create: true, size: size);

    /// <summary>Attaches to an existing segment by name (Python's <c>SharedMemory(name)</c>). Does not block.</summary>
    /// <param name="name">The segment's <see cref="Name"/>.</param>
    /// <returns>A new mapping of the segment.</returns>
    /// <exception cref="FileNotFoundException">No segment has that name.</exception>
    public static SharedMemory Attach(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new(name, create: false);
    }

    /// <summary>
    /// Unlinks every Multiproc segment in <c>/dev/shm</c> whose creating process has died without
    /// cleaning up (SIGKILL, a crash). Runs by itself when a process first creates a segment and when a
    /// process that used shared memory exits normally; call it in a long-running parent after a child
    /// crashed to reclaim the child's segments at once. Segments of live processes are kept. Does not block.
    /// </summary>
    /// <returns>How many segments were removed.</returns>
    public static int ReapStale() => SegmentRegistry.ReapStale();

    /// <summary>The segment's name (Python's <c>name</c>); the file is <c>/dev/shm/mp_&lt;Name&gt;</c>.</summary>
    public string Name => _segment.Name;

    /// <summary>The size in bytes (Python's <c>size</c>): exactly what the creator asked for.</summary>
    public long Size => _segment.Size;

    /// <summary>True when this instance created the segment (and will unlink it on <see cref="Dispose"/>).</summary>
    public bool IsCreator => _segment.IsCreator;

    /// <summary>True once <see cref="Close"/> or <see cref="Dispose"/> has run.</summary>
    public bool IsClosed => _segment.IsClosed;

    /// <summary>The shared bytes (Python's <c>buf</c>). Writes are seen by every process at once.</summary>
    /// <exception cref="ObjectDisposedException">The segment was closed.</exception>
    /// <exception cref="InvalidOperationException">The segment is larger than a span can cover; use <see cref="GetSpan"/>.</exception>
    public Span<byte> Span => new(DataPointer, CheckedIntSize());

    /// <summary>The shared bytes as <see cref="Memory{T}"/>, backed by a <see cref="MemoryManager{T}"/> over the mapping (no copy).</summary>
    /// <exception cref="ObjectDisposedException">The segment was closed.</exception>
    public Memory<byte> Memory => (_manager ??= new MappedMemoryManager(this, CheckedIntSize())).Memory;

    /// <summary>A span over <paramref name="length"/> bytes at <paramref name="offset"/>, for segments larger than 2 GiB.</summary>
    /// <param name="offset">The offset in bytes.</param>
    /// <param name="length">The length in bytes.</param>
    /// <returns>The span.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the segment.</exception>
    public Span<byte> GetSpan(long offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (offset > Size - length)
        {
            ThrowHelper.ThrowRangeOutsideByteSegment(nameof(offset), offset, offset, offset + length, Size, Name);
        }

        return new(DataPointer + offset, length);
    }

    /// <summary>The first byte of the user's data.</summary>
    internal byte* DataPointer => _segment.DataPointer;

    /// <summary>The mapping itself, for objects that live in this segment (<see cref="SharedRegion"/>).</summary>
    internal Segment Mapping => _segment;

    /// <summary>
    /// Unmaps the segment from this process (Python's <c>close()</c>); the segment itself lives on until
    /// unlinked. Idempotent. Does not block.
    /// </summary>
    public void Close() => _segment.Close();

    /// <summary>
    /// Removes the segment's name (Python's <c>unlink()</c>): processes that have it mapped keep using it,
    /// new ones cannot attach. Call it once, from any process. Does not block.
    /// </summary>
    /// <exception cref="FileNotFoundException">The segment was already unlinked.</exception>
    public void Unlink()
    {
        int errno = _segment.Unlink();
        if (errno == Libc.ENOENT)
        {
            ThrowHelper.ThrowNoSharedMemorySegmentNamedExists(Name, SegmentRegistry.PathOf(Name));
        }

        if (errno != 0)
        {
            ThrowHelper.ThrowUnlinkFailedErrno(SegmentRegistry.PathOf(Name), errno);
        }
    }

    /// <summary>
    /// Unmaps the segment and, if this instance created it, unlinks it (what Python's resource tracker
    /// does for the creator at exit). Idempotent.
    /// </summary>
    public void Dispose() => _segment.Dispose();

    /// <inheritdoc/>
    public override string ToString() => _segment.ToString();

    /// <summary>Writes the segment's name; the receiving process attaches to it.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The segment (may be null).</param>
    public static void Write(ref WireWriter writer, SharedMemory value) => writer.WriteString(value?.Name);

    /// <summary>Attaches to the segment named in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A new mapping of the same segment.</returns>
    public static SharedMemory Read(ref WireReader reader)
    {
        string? name = reader.ReadString();
        return name is null ? null! : Attach(name);
    }

    private int CheckedIntSize()
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        if (Size > int.MaxValue)
        {
            ThrowHelper.ThrowSharedMemorySegmentBytesMoreThan(Name, Size);
        }

        return (int)Size;
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength || name.Contains('/') || name.Contains('\0') || name is "." or "..")
        {
            ThrowHelper.ThrowInvalidSharedMemoryNameMustCharacters(name, MaxNameLength, nameof(name));
        }
    }

    private static string GenerateName()
    {
        Span<byte> random = stackalloc byte[6];
        OsRandom.Fill(random);
        return $"{Environment.ProcessId}_{Convert.ToHexStringLower(random)}";
    }
}
