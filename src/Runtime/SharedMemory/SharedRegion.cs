using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// Where a shared object's state lives: a segment and an offset in it. The 8 bytes at the offset hold the
/// object's <see cref="SharedObjectKind"/> tag (and 4 spare bytes); the state follows. On the wire a region
/// is the segment's name, the offset and the kind; the receiver attaches and checks the tag.
/// </summary>
internal readonly unsafe struct SharedRegion
{
    /// <summary>Bytes before the state: the kind tag and padding to 8-byte alignment.</summary>
    public const int TagSize = 8;

    /// <summary>The segment's mapping, held here so an operation reaches it without going through the public handle.</summary>
    private readonly Segment _mapping;

    public SharedRegion(SharedMemory segment, long offset, bool ownsSegment)
    {
        Segment = segment;
        _mapping = segment.Mapping;
        Offset = offset;
        OwnsSegment = ownsSegment;
    }

    public SharedMemory Segment { get; }

    public long Offset { get; }

    /// <summary>True when disposing the object disposes (and, for the creator, unlinks) the segment.</summary>
    public bool OwnsSegment { get; }

    /// <summary>The state (after the tag). Throws <see cref="ObjectDisposedException"/> once the segment is closed.</summary>
    public byte* State => _mapping.DataPointer + Offset + TagSize;

    /// <summary>Starts an operation on the state: the mapping stays until <see cref="Exit"/> even if disposed meanwhile.</summary>
    public byte* Enter() => _mapping.Enter() + Offset + TagSize;

    /// <summary>Starts an operation without taking a pointer (for async code, which cannot hold one): as <see cref="Enter"/>.</summary>
    public void Retain() => _mapping.Enter();

    /// <summary>Ends an operation started with <see cref="Enter"/> or <see cref="Retain"/>.</summary>
    public void Exit() => _mapping.Exit();

    /// <summary>
    /// A handle's <c>ToString()</c>, shaped like Python's repr: <c>&lt;Kind(state) segment&gt;</c> while open,
    /// <c>&lt;Kind segment closed&gt;</c> once closed. <paramref name="state"/> reads the shared state and runs only
    /// while the mapping is held, so describing a handle closed on another thread never touches unmapped memory.
    /// </summary>
    /// <param name="kind">The public type's name.</param>
    /// <param name="state">Describes the state (called with the mapping held).</param>
    /// <returns>The description.</returns>
    public string Describe(string kind, Func<string> state)
    {
        string where = Offset == 0 ? Segment.Name : $"{Segment.Name}@{Offset}";
        try
        {
            Retain();
        }
        catch (ObjectDisposedException)
        {
            return $"<{kind} {where} closed>";
        }

        try
        {
            return $"<{kind}({state()}) {where}>";
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the segment is closed.</summary>
    public void EnsureOpen()
    {
        _mapping.Enter();
        _mapping.Exit();
    }

    /// <summary>Creates a fresh segment holding one object of <paramref name="stateSize"/> bytes.</summary>
    public static SharedRegion Allocate(SharedObjectKind kind, long stateSize)
    {
        SharedMemory segment = SharedMemory.Create(TagSize + stateSize);
        *(int*)segment.DataPointer = (int)kind;
        return new SharedRegion(segment, 0, ownsSegment: true);
    }

    /// <summary>A region inside an existing segment (a Value's lock, for instance), tagged now.</summary>
    public static SharedRegion Carve(SharedMemory segment, long offset, SharedObjectKind kind, bool initialize)
    {
        if (initialize)
        {
            *(int*)(segment.DataPointer + offset) = (int)kind;
        }

        return new SharedRegion(segment, offset, ownsSegment: false);
    }

    public void Dispose()
    {
        if (OwnsSegment)
        {
            Segment.Dispose();
        }
    }

    /// <summary>
    /// Writes the presence byte of a handle (null travels as an absent handle); returns true when a handle
    /// must follow. Readers call <see cref="WireReader.ReadPresence"/> first.
    /// </summary>
    public static bool WritePresence(ref WireWriter writer, object? value)
    {
        writer.WritePresence(value is not null);
        return value is not null;
    }

    /// <summary>Writes name, offset and kind.</summary>
    public void Write(ref WireWriter writer, SharedObjectKind kind)
    {
        writer.WriteString(Segment.Name);
        writer.WriteInt64(Offset);
        writer.WriteInt32((int)kind);
    }

    /// <summary>Reads a region written by <see cref="Write"/>, attaches and checks the tag and bounds.</summary>
    public static SharedRegion Read(ref WireReader reader, SharedObjectKind expected, long stateSize, string typeName)
    {
        string? name = reader.ReadString();
        long offset = reader.ReadInt64();
        int kind = reader.ReadInt32();
        if (name is null || kind != (int)expected)
        {
            ThrowHelper.ThrowMessageDoesNotDescribeKindX(typeName, kind);
        }

        SharedMemory segment = SharedMemory.Attach(name);
        if (offset < 0 || offset > segment.Size - TagSize - stateSize || *(int*)(segment.DataPointer + offset) != kind)
        {
            segment.Dispose();
            ThrowHelper.ThrowSharedMemoryHoldsNoOffset(name, typeName, offset);
        }

        return new SharedRegion(segment, offset, ownsSegment: true);
    }
}
