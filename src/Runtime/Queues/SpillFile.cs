using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Multiproc.Serialization;
using static Multiproc.Queues.QueueLayout;

namespace Multiproc.Queues;

/// <summary>
/// A message larger than half the ring, stored in its own file <c>/dev/shm/&lt;queue&gt;_&lt;n&gt;</c>: the
/// producer writes it and puts the path in the ring, the consumer reads it and deletes it. So a producer's
/// <c>Put</c> of any size returns without waiting for a consumer (no feeder thread, no pipe to drain). The
/// file starts with the queue's "MPSH" prologue (creator = the queue's creator) so the reaper treats it
/// like the queue itself; the message starts one page in.
/// </summary>
internal static unsafe class SpillFile
{
    /// <summary>Writes <paramref name="message"/> to a new spill file of queue <paramref name="queueName"/>; returns its path.</summary>
    public static string Write(byte* queueBase, string queueName, ReadOnlySpan<byte> message)
    {
        int number = Interlocked.Increment(ref *(int*)(queueBase + SpillCounter));
        string path = $"{QueueSegment.Directory}/{queueName}_{(uint)number}";
        byte[] prologue = new byte[RingOffset];
        new ReadOnlySpan<byte>(queueBase, QueueMagic).CopyTo(prologue);
        BitConverter.TryWriteBytes(prologue.AsSpan(SegmentUserSize), (long)message.Length);
        using FileStream stream = new(path, QueueSegment.CreateOptions(FileAccess.Write));
        try
        {
            RandomAccess.Write(stream.SafeFileHandle, prologue, 0);
            RandomAccess.Write(stream.SafeFileHandle, message, RingOffset);
        }
        catch
        {
            QueueSegment.TryDelete(path);
            throw;
        }

        return path;
    }

    /// <summary>Reads and decodes the message in <paramref name="path"/> (which must belong to <paramref name="queueName"/>); the caller deletes it.</summary>
    public static T Read<T>(string path, string queueName, WireSerializer<T> serializer)
    {
        string prefix = $"{QueueSegment.Directory}/{queueName}_";
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !uint.TryParse(path.AsSpan(prefix.Length), out _))
        {
            QueueThrow.Corrupt($"'{path}' is not a spill file of this queue");
        }

        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = RandomAccess.GetLength(handle) - RingOffset;
        if (length < 0 || length > Array.MaxLength)
        {
            QueueThrow.Corrupt($"spill file '{path}' has {length + RingOffset} bytes");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            Span<byte> data = buffer.AsSpan(0, (int)length);
            int read = 0;
            while (read < data.Length)
            {
                int n = RandomAccess.Read(handle, data[read..], RingOffset + read);
                if (n <= 0)
                {
                    QueueThrow.Corrupt($"spill file '{path}' ended early");
                }

                read += n;
            }

            return serializer.Deserialize(data);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
