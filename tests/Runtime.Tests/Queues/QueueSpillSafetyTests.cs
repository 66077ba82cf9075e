using System.IO.MemoryMappedFiles;
using System.Text;
using Multiproc.Queues;
using Multiproc.Tests.Infrastructure;

namespace Multiproc.Tests.Queues;

/// <summary>Spill files against a hostile local process: guessed names and forged records.</summary>
public sealed class QueueSpillSafetyTests : ChildProcessTest
{
    [Fact]
    public void PreCreatedFilesUnderTheQueuesName_DoNotBlockLargePuts()
    {
        using var q = new ProcessQueue<byte[]>(0, 64 * 1024);
        // What another local user could do: squat the names a spill would get if they were predictable.
        string[] squatted = Enumerable.Range(0, 64).Select(i => $"/dev/shm/{q.SegmentName}_{i}").ToArray();
        foreach (string path in squatted)
        {
            File.WriteAllBytes(path, []);
        }

        try
        {
            q.Put(new byte[100_000]);
            q.Put(new byte[100_000]);
            Assert.Equal(100_000, q.Get(Patience).Length);
            Assert.Equal(100_000, q.Get(Patience).Length);
        }
        finally
        {
            foreach (string path in squatted)
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void ASpilledRecordNamingAFileOutsideTheQueue_IsCorruptAndTheFileIsLeftAlone()
    {
        string victim = Path.Combine(Path.GetTempPath(), $"multiproc-victim-{Guid.NewGuid():N}");
        File.WriteAllText(victim, "precious");
        try
        {
            using var q = new ProcessQueue<byte[]>(0, 64 * 1024);
            foreach (string forged in new[] { victim, $"/dev/shm/{q.SegmentName}_0000000000000000/../../..{victim}" })
            {
                ForgeSpilledRecord(q.SegmentName, forged);
                Assert.Equal(1, q.Count);
                var e = Assert.Throws<InvalidOperationException>(() => q.Get(Patience));
                Assert.Contains("is not a spill file of this queue", e.Message);
                Assert.True(File.Exists(victim), $"Get deleted {victim}");
                Assert.Equal(0, q.Count);
            }
        }
        finally
        {
            File.Delete(victim);
        }
    }

    /// <summary>Appends a "spilled" record carrying <paramref name="path"/>, as a corrupt or hostile writer would.</summary>
    private static void ForgeSpilledRecord(string segmentName, string path)
    {
        byte[] payload = Encoding.UTF8.GetBytes(path);
        using var file = MemoryMappedFile.CreateFromFile("/dev/shm/" + segmentName, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        using MemoryMappedViewAccessor view = file.CreateViewAccessor();
        int capacity = view.ReadInt32(QueueLayout.Capacity);
        long head = view.ReadInt64(QueueLayout.Head);
        long offset = QueueLayout.RingOffset + (head & (capacity - 1));
        view.Write(offset, payload.Length);
        view.Write(offset + 4, (int)RecordKind.Spilled);
        view.WriteArray(offset + QueueLayout.RecordHeaderSize, payload, 0, payload.Length);
        view.Write(QueueLayout.ItemsPut, view.ReadInt64(QueueLayout.ItemsPut) + 1);
        view.Write(QueueLayout.Head, head + QueueLayout.RecordSize(payload.Length));
    }
}
