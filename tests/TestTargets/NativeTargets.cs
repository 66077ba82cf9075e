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

    /// <summary>
    /// Sets the umask to <paramref name="umask"/>, opens a default (Unix-domain) listener and returns
    /// "socket path|directory mode"; closes it unless <paramref name="leaveOpen"/> (then process exit must clean up).
    /// </summary>
    [ProcessTarget]
    public static string DefaultListenerUnderUmask(int umask, bool leaveOpen)
    {
        Umask((uint)umask);
        var listener = new Listener();
        string path = listener.Address.ToString()!;
        int mode = OperatingSystem.IsWindows() ? -1 : (int)File.GetUnixFileMode(Path.GetDirectoryName(path)!);
        string report = $"{path}|{mode}";
        if (!leaveOpen)
        {
            listener.Close();
        }

        return report;
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "system", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LibcSystem(string command);
}
