using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>
/// The libc entry point behind the queues' futex wake-ups. Only <c>syscall</c> is needed: the queue segments
/// themselves are mapped with <see cref="System.IO.MemoryMappedFiles.MemoryMappedFile"/> (DESIGN §5).
/// </summary>
internal static unsafe partial class Libc
{
    /// <summary><c>syscall(SYS_futex, address, operation, value, timeout, NULL, 0)</c>; -1 with errno on error.</summary>
    [LibraryImport(LibraryName, EntryPoint = "syscall", SetLastError = true)]
    public static partial nint QueueFutexSyscall(nint number, int* address, int operation, int value, long* timeout, nint address2, nint value3);
}
