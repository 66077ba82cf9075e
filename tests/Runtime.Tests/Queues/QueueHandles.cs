using Multiproc.Serialization;

namespace Multiproc.Tests.Queues;

/// <summary>Attaches a second handle to a queue in this process, exactly as a child decodes its argument.</summary>
internal static class QueueHandles
{
    public static TQueue Reattach<TQueue>(TQueue queue) where TQueue : IWireSerializable<TQueue>
    {
        var writer = new WireWriter();
        byte[] bytes;
        try
        {
            WireSerializable.Write(ref writer, queue);
            bytes = writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }

        var reader = new WireReader(bytes);
        return WireSerializable.Read<TQueue>(ref reader);
    }

    /// <summary>The /dev/shm files of queues (names start with mp_q_).</summary>
    public static string[] SegmentFiles() => Directory.GetFiles("/dev/shm", "mp_q_*");
}
