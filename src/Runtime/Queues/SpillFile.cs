using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Multiproc.Interop;
using Multiproc.Serialization;
using static Multiproc.Queues.QueueLayout;

namespace Multiproc.Queues;

/// <summary>
/// A message larger than half the ring, stored in its own file <c>/dev/shm/&lt;queue&gt;_&lt;random&gt;</c>: the
/// producer writes it and puts the path in the ring, the consumer reads it and deletes it. So a producer's
/// <c>Put</c> of any size returns without waiting for a consumer (no feeder thread, no pipe to drain). The
/// file starts with the queue segment's <see cref="SegmentHeader"/> (creator = the queue's creator) so the reaper
/// treats it like the queue itself, and it is one of the segment's companion files, removed with it; the message
/// starts one page in.
/// </summary>
internal static unsafe class SpillFile
{
    /// <summary>How many fresh names <see cref="Write"/> tries before it gives up on name clashes.</summary>
    private const int NameAttempts = 16;

    /// <summary>
    /// Writes <paramref name="message"/> to a new spill file of queue <paramref name="queueName"/>; returns its path.
    /// The name ends in 64 random bits, so no other user can pre-create it; the file is created exclusively
    /// and a clash (which only a hostile local process can cause) is retried under another name.
    /// </summary>
    public static string Write(byte* queueBase, string queueName, ReadOnlySpan<byte> message)
    {
        SegmentHeader header = *(SegmentHeader*)queueBase;
        header.UserSize = message.Length;
        byte[] prologue = new byte[RingOffset];
        MemoryMarshal.Write(prologue, in header);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 0600, like every segment
        }

        for (int attempt = 1; ; attempt++)
        {
            string path = $"{SegmentRegistry.Directory}/{queueName}_{Convert.ToHexStringLower(OsRandom.GetBytes(8))}";
            FileStream stream;
            try
            {
                stream = new FileStream(path, options);
            }
            catch (IOException) when (attempt < NameAttempts && File.Exists(path))
            {
                continue;
            }

            using (stream)
            {
                try
                {
                    RandomAccess.Write(stream.SafeFileHandle, prologue, 0);
                    RandomAccess.Write(stream.SafeFileHandle, message, RingOffset);
                }
                catch
                {
                    SegmentRegistry.UnlinkPath(path);
                    throw;
                }
            }

            return path;
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> names a spill file of queue <paramref name="queueName"/>:
    /// <c>/dev/shm/&lt;queue&gt;_</c> and 16 lowercase hex digits, nothing else (no other directory, no <c>..</c>).
    /// A record failing this is corrupt and its path is never opened or deleted.
    /// </summary>
    public static bool IsSpillPathOf(string path, string queueName)
    {
        string prefix = $"{SegmentRegistry.Directory}/{queueName}_";
        return path.Length == prefix.Length + 16
            && path.StartsWith(prefix, StringComparison.Ordinal)
            && !path.AsSpan(prefix.Length).ContainsAnyExcept("0123456789abcdef");
    }

    /// <summary>Reads and decodes the message in <paramref name="path"/> (which must belong to <paramref name="queueName"/>); the caller deletes it.</summary>
    public static T Read<T>(string path, string queueName, WireSerializer<T> serializer)
    {
        if (!IsSpillPathOf(path, queueName))
        {
            ThrowHelper.ThrowQueueCorrupt($"'{path}' is not a spill file of this queue");
        }

        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        long length = RandomAccess.GetLength(handle) - RingOffset;
        if (length < 0 || length > Array.MaxLength)
        {
            ThrowHelper.ThrowQueueCorrupt($"spill file '{path}' has {length + RingOffset} bytes");
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
                    ThrowHelper.ThrowQueueCorrupt($"spill file '{path}' ended early");
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
