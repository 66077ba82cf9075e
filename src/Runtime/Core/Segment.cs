using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Multiproc.Interop;

namespace Multiproc;

/// <summary>
/// The one shared-memory segment of the runtime: a file <c>/dev/shm/mp_&lt;Name&gt;</c> mapped read-write, starting
/// with a <see cref="SegmentHeader"/> (creator pid and start time, so <see cref="SegmentRegistry.ReapStale"/> can
/// remove it after its creator died). Python's <c>SharedMemory</c>, the values, locks and other primitives that live
/// in one, and the queues' rings all map their memory through this type; <see cref="SegmentRegistry"/> unlinks the
/// segments this process created when it exits.
/// <para>
/// Operations bracket their use of the mapping with <see cref="TryEnter"/> (or <see cref="Enter"/>) and
/// <see cref="Exit"/>; <see cref="Close"/> unmaps only after the last one ends, so a waiter sleeping in shared memory on
/// another thread never faults.
/// </para>
/// </summary>
internal sealed unsafe class Segment
{
    private const int NameAttempts = 16;

    private byte* _base;
    private readonly nuint _mapLength;

    /// <summary>1 for "open" plus one per operation in flight; the mapping goes when it reaches 0.</summary>
    private int _leases = 1;
    private int _closed;
    private int _unlinked;

    private Segment(string name, byte* mapping, nuint mapLength, long size, bool creator)
    {
        Name = name;
        _base = mapping;
        _mapLength = mapLength;
        Size = size;
        IsCreator = creator;
    }

    /// <summary>The name (the file is <see cref="SegmentRegistry.PathOf"/> it).</summary>
    public string Name { get; }

    /// <summary>The user's bytes after the header.</summary>
    public long Size { get; }

    /// <summary>True when this process created the segment (it is unlinked at <see cref="Dispose"/> or exit).</summary>
    public bool IsCreator { get; }

    /// <summary>True once <see cref="Close"/> ran.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The start of the mapping (the header); valid while an operation holds it or the segment is open.</summary>
    public byte* BasePointer => _base;

    /// <summary>The first of the user's bytes (<see cref="SegmentHeader.Size"/> into the mapping).</summary>
    /// <exception cref="ObjectDisposedException">The segment was closed.</exception>
    public byte* DataPointer
    {
        get
        {
            byte* b = _base;
            if (b is null || Volatile.Read(ref _closed) != 0)
            {
                throw new ObjectDisposedException(ToString());
            }

            return b + SegmentHeader.Size;
        }
    }

    /// <summary>
    /// Creates a segment of <paramref name="size"/> zero bytes after the header, readable and writable by this user only.
    /// </summary>
    /// <param name="requested">The name, or null to take <paramref name="generate"/>'s (retried on a clash).</param>
    /// <param name="generate">Makes a fresh random name.</param>
    /// <param name="size">The user's bytes.</param>
    /// <param name="companionFiles">
    /// True when files named <c>&lt;path&gt;_*</c> belong to the segment (a queue's spilled messages): they are removed
    /// with it.
    /// </param>
    /// <exception cref="IOException">The name exists, or the file cannot be created, sized or mapped.</exception>
    public static Segment Create(string? requested, Func<string> generate, long size, bool companionFiles)
    {
        for (int attempt = 1; ; attempt++)
        {
            string name = requested ?? generate();
            int fd = OpenFile(SegmentRegistry.PathOf(name), Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC);
            if (fd < 0)
            {
                int errno = -fd;
                if (errno == Libc.EEXIST && requested is null && attempt < NameAttempts)
                {
                    continue;
                }

                throw errno == Libc.EEXIST
                    ? ThrowHelper.CreateSharedMemorySegmentNamedAlreadyExists(name, SegmentRegistry.PathOf(name))
                    : ThrowHelper.CreateCannotCreateSharedMemoryErrno(SegmentRegistry.PathOf(name), errno);
            }

            SegmentRegistry.Track(name, companionFiles);
            nuint length = (nuint)(size + SegmentHeader.Size);
            try
            {
                if (Libc.FTruncate(fd, (long)length) != 0)
                {
                    ThrowHelper.ThrowCannotSizeSharedMemoryBytesErrno(name, size, Marshal.GetLastPInvokeError());
                }

                byte* b = Map(fd, length, name);
                SegmentHeader* header = (SegmentHeader*)b;
                header->Version = SegmentHeader.CurrentVersion;
                header->UserSize = size;
                header->CreatorPid = Environment.ProcessId;
                header->CreatorStartTime = ProcessLiveness.SelfStartTime;
                Volatile.Write(ref header->Magic, SegmentHeader.MagicValue);
                return new Segment(name, b, length, size, creator: true);
            }
            catch
            {
                SegmentRegistry.Unlink(name);
                throw;
            }
            finally
            {
                Libc.Close(fd);
            }
        }
    }

    /// <summary>Maps an existing segment; null when no file has that name.</summary>
    /// <param name="name">The segment's name.</param>
    /// <param name="hookExit">
    /// True to install the exit hook (and the exit signals) in this process, so that a process that only attached still
    /// reaps at exit: what Python's <c>SharedMemory</c> and the primitives do; a queue's ring does not.
    /// </param>
    /// <exception cref="IOException">The file is not a Multiproc segment of this layout, or cannot be opened or mapped.</exception>
    public static Segment? TryAttach(string name, bool hookExit)
    {
        string path = SegmentRegistry.PathOf(name);
        int fd = OpenFile(path, Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            int errno = -fd;
            return errno == Libc.ENOENT ? null : throw ThrowHelper.CreateCannotOpenSharedMemoryErrno(path, errno);
        }

        try
        {
            long fileLength = Libc.LSeek(fd, 0, Libc.SEEK_END);
            if (fileLength < SegmentHeader.Size)
            {
                ThrowHelper.ThrowNotMultiprocSharedMemorySegmentToo(path);
            }

            byte* b = Map(fd, (nuint)fileLength, name);
            SegmentHeader* header = (SegmentHeader*)b;
            if (Volatile.Read(ref header->Magic) != SegmentHeader.MagicValue || header->UserSize < 0 || header->UserSize > fileLength - SegmentHeader.Size)
            {
                Libc.MUnmap(b, (nuint)fileLength);
                ThrowHelper.ThrowNotMultiprocSharedMemorySegmentBad(path);
            }

            int version = Volatile.Read(ref header->Version);
            if (version != SegmentHeader.CurrentVersion)
            {
                Libc.MUnmap(b, (nuint)fileLength);
                ThrowHelper.ThrowCreatedAnotherVersionMultiprocSegmentLayout(path, version, SegmentHeader.CurrentVersion);
            }

            if (hookExit)
            {
                // Also a process that only attaches reaps at exit, so a child outliving a killed parent cleans up after it.
                SegmentRegistry.Hook();
            }

            return new Segment(name, b, (nuint)fileLength, header->UserSize, creator: false);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>Pins the mapping for one operation; false once the segment is closed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnter()
    {
        while (true)
        {
            int n = Volatile.Read(ref _leases);
            if (n == 0 || Volatile.Read(ref _closed) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _leases, n + 1, n) == n)
            {
                return true;
            }
        }
    }

    /// <summary>Pins the mapping for one operation and returns the user's bytes.</summary>
    /// <exception cref="ObjectDisposedException">The segment was closed.</exception>
    public byte* Enter() => TryEnter() ? _base + SegmentHeader.Size : throw new ObjectDisposedException(ToString());

    /// <summary>Ends an operation begun with a successful <see cref="TryEnter"/> or <see cref="Enter"/>.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            byte* b = _base;
            _base = null;
            Libc.MUnmap(b, _mapLength);
        }
    }

    /// <summary>Unmaps once no operation is running (the file stays until unlinked). Idempotent.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Exit();
        }
    }

    /// <summary>Removes the name (and any companion files); returns 0 or the errno (<see cref="Libc.ENOENT"/>: already gone).</summary>
    public int Unlink()
    {
        Interlocked.Exchange(ref _unlinked, 1);
        return SegmentRegistry.Unlink(Name);
    }

    /// <summary>Unlinks the segment if this process created it and has not yet, then closes it. Idempotent.</summary>
    public void Dispose()
    {
        if (IsCreator && Interlocked.Exchange(ref _unlinked, 1) == 0)
        {
            SegmentRegistry.Unlink(Name);
        }

        Close();
    }

    /// <inheritdoc/>
    public override string ToString() => $"SharedMemory('{Name}', size={Size})";

    private static byte* Map(int fd, nuint length, string name)
    {
        byte* b = (byte*)Libc.MMap(null, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        if (b == (byte*)-1)
        {
            ThrowHelper.ThrowCannotMapSharedMemoryBytesErrno(name, length, Marshal.GetLastPInvokeError());
        }

        return b;
    }

    /// <summary>Opens a file; returns the fd or minus the errno.</summary>
    private static int OpenFile(string path, int flags)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            int fd = Libc.Open(p, flags, 0x180); // 0600: only this user's processes may attach.
            return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
        }
    }
}
