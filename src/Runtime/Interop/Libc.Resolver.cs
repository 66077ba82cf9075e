using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>
/// Binds <see cref="LibraryName"/> to the C library the process already has, instead of letting the runtime
/// search for a file named like it. The search tries <c>libc.so</c> (a linker script on glibc, which
/// <c>dlopen</c> rejects), <c>liblibc.so</c> and more in several folders, and in a NativeAOT program it first
/// compares names case-insensitively, which initializes globalization and loads ICU. Every child makes a
/// P/Invoke before its target runs, so that search was paid on every start (measured in a NativeAOT child:
/// ICU's three libraries loaded by the first P/Invoke; in a JIT program the first P/Invoke took ~5 ms).
/// </summary>
internal static partial class Libc
{
    /// <summary>Registers the resolver before any P/Invoke of this assembly runs.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The resolver must be in place before the first P/Invoke, which can come from any type of the library.")]
    internal static void RegisterResolver() =>
        NativeLibrary.SetDllImportResolver(typeof(Libc).Assembly, ResolveLibrary);

    /// <summary>
    /// The C library is already loaded: every .NET host and NativeAOT program links it, so its symbols are
    /// found through the main program's handle (<c>dlopen(NULL)</c>), on glibc and musl alike.
    /// </summary>
    private static IntPtr ResolveLibrary(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? NativeLibrary.GetMainProgramHandle() : IntPtr.Zero;
}
