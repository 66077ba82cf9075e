using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Multiproc.Queues;

/// <summary>
/// One file under <c>/dev/shm</c> mapped read-write: a queue's control page and ring, or one spilled message.
/// Operations bracket their use of <see cref="Pointer"/> with <see cref="TryEnter"/>/<see cref="Exit"/>, so
/// <see cref="Dispose"/> unmaps only after the last one ends (a blocked <c>Get</c> on another thread keeps
/// the mapping alive; it never faults).
/// </summary>
internal sealed unsafe class QueueSegment : IDisposable
{
    /// <summary>The directory POSIX shared memory lives in on Linux.</summary>
    public const string Directory = "/dev/shm";

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly SafeMemoryMappedViewHandle _handle;

    private QueueSegment(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        Path = path;
        _file = file;
        _view = view;
        _handle = view.SafeMemoryMappedViewHandle;
        Length = length;
        byte* p = null;
        _handle.AcquirePointer(ref p);
        Pointer = p + view.PointerOffset;
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Start of the mapping; valid between <see cref="TryEnter"/> and <see cref="Exit"/>.</summary>
    public byte* Pointer { get; }

    /// <summary>Mapped bytes.</summary>
    public long Length { get; }

    /// <summary>Creates a new file of <paramref name="length"/> zero bytes (fails if it exists) and maps it.</summary>
    public static QueueSegment Create(string path, long length)
    {
        FileStream stream = new(path, CreateOptions(FileAccess.ReadWrite));
        try
        {
            stream.SetLength(length);
            return Map(path, stream, length);
        }
        catch
        {
            stream.Dispose();
            TryDelete(path);
            throw;
        }
    }

    /// <summary>Maps an existing file; null when it does not exist.</summary>
    public static QueueSegment? TryOpen(string path)
    {
        FileStream stream;
        try
        {
            stream = new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            return Map(path, stream, stream.Length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Options that create a new file readable and writable by this user only (0600), like <c>SharedMemory</c>.</summary>
    public static FileStreamOptions CreateOptions(FileAccess access)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = access, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    /// <summary>Removes <paramref name="path"/>; a file already gone is not an error.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Pins the mapping for one operation; false once the segment is disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnter()
    {
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
        }

        return added;
    }

    /// <summary>Ends an operation begun with a successful <see cref="TryEnter"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => _handle.DangerousRelease();

    /// <summary>Unmaps once no operation is running (the file stays until deleted).</summary>
    public void Dispose()
    {
        _handle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private static QueueSegment Map(string path, FileStream stream, long length)
    {
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        try
        {
            MemoryMappedViewAccessor view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
            return new QueueSegment(path, file, view, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
