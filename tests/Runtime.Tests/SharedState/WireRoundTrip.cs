using Multiproc.Serialization;

namespace Multiproc.Tests.SharedState;

/// <summary>Sends a handle through the wire format: the result is an independent second mapping, as a child gets.</summary>
internal static class WireRoundTrip
{
    public static T Remap<T>(T value) where T : IWireSerializable<T>
    {
        WireWriter writer = new();
        try
        {
            T.Write(ref writer, value);
            WireReader reader = new(writer.WrittenSpan);
            T result = T.Read(ref reader);
            reader.EnsureFullyConsumed();
            return result;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The files of ours in /dev/shm.</summary>
    public static string[] OurShmFiles() => Directory.GetFiles("/dev/shm", "mp_*");

    /// <summary>The pid of a process that has exited and been reaped (so the pid is dead).</summary>
    public static int DeadPid()
    {
        using System.Diagnostics.Process p = System.Diagnostics.Process.Start("true")!;
        p.WaitForExit();
        return p.Id;
    }
}
