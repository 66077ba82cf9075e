using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>
/// The libc calls behind shared memory and the futex-based synchronization primitives (Linux):
/// <c>open</c>/<c>ftruncate</c>/<c>mmap</c> on <c>/dev/shm</c> files and memfds, and <c>syscall(SYS_futex)</c>.
/// </summary>
internal static unsafe partial class Libc
{
    public const int ENOENT = 2;
    public const int EEXIST = 17;
    public const int ETIMEDOUT = 110;
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_CLOEXEC = 0x80000;
    public const int PROT_READ = 1;
    public const int PROT_WRITE = 2;
    public const int MAP_SHARED = 1;
    public const uint MFD_CLOEXEC = 1;
    public const int SEEK_END = 2;

    /// <summary>FUTEX_WAIT without FUTEX_PRIVATE_FLAG: keyed by the physical page, so it works across processes.</summary>
    public const int FUTEX_WAIT = 0;

    /// <summary>FUTEX_WAKE without FUTEX_PRIVATE_FLAG.</summary>
    public const int FUTEX_WAKE = 1;

    /// <summary>The futex system call number: 202 on x86-64, 98 on arm64 (and riscv64).</summary>
    public static readonly nint SysFutex = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.X86 => 240,
        Architecture.Arm => 240,
        _ => 98,
    };

    /// <summary>A <c>struct timespec</c> (64-bit Linux).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags, uint mode);

    [LibraryImport(LibraryName, EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport(LibraryName, EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MemfdCreate(string name, uint flags);

    [LibraryImport(LibraryName, EntryPoint = "lseek", SetLastError = true)]
    public static partial long LSeek(int fd, long offset, int whence);

    [LibraryImport(LibraryName, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* MMap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport(LibraryName, EntryPoint = "munmap", SetLastError = true)]
    public static partial int MUnmap(void* address, nuint length);

    [LibraryImport(LibraryName, EntryPoint = "unlink", SetLastError = true)]
    public static partial int Unlink(byte* path);

    [LibraryImport(LibraryName, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

    /// <summary><c>futex(uaddr, op, val, timeout, NULL, 0)</c>; returns the raw result (-1 with errno set on error).</summary>
    public static int Futex(int* address, int operation, int value, TimeSpec* timeout) =>
        (int)Syscall(SysFutex, (nint)address, operation, value, (nint)timeout, 0, 0);
}
