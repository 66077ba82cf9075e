using System.Runtime.InteropServices;

namespace Multiproc.Tests.Targets;

/// <summary>Targets that act through the C library, as native code in a user's child would.</summary>
public static partial class NativeTargets
{
    /// <summary>Runs <paramref name="command"/> with libc <c>system()</c>; returns its exit code, or -N for signal N.</summary>
    [ProcessTarget]
    public static int RunThroughLibcSystem(string command)
    {
        int status = LibcSystem(command);
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : -signal;
    }

    [LibraryImport("libc", EntryPoint = "system", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LibcSystem(string command);
}
