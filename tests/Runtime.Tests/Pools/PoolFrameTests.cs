using System.Buffers.Binary;
using Multiproc.Pools;
using Multiproc.Serialization;
using Xunit;

namespace Multiproc.Tests.Pools;

/// <summary>
/// The pool's task and result frames on their own: what the parent encodes the worker decodes (and back),
/// and a malformed frame — truncated, wrong lengths, an unknown kind or status, oversize — is refused by
/// TryDecode without an exception.
/// </summary>
public sealed class PoolFrameTests
{
    private static readonly byte[][] s_items = [[1, 2, 3], [], [42], Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()];

    [Fact]
    public void TaskFrame_Encoded_DecodesToTheSameItems()
    {
        ArgBlock args = Block(s_items);
        int length = TaskFrame.WireLength(3, 0 + 1 + 300);
        byte[] buffer = new byte[length + 7];

        int written = TaskFrame.Encode(buffer, 0x1122334455667788, 0xCAFEBABE, args, 1, 3);

        Assert.Equal(length, written);
        Assert.Equal(written - 4, BinaryPrimitives.ReadInt32LittleEndian(buffer));
        Assert.Equal((byte)WorkerMessage.Task, buffer[4]);
        Assert.True(TaskFrame.TryDecode(WorkerMessage.Task, buffer.AsSpan(WorkerFrameHeader.Length, written - WorkerFrameHeader.Length), out TaskFrame frame));
        Assert.Equal(0x1122334455667788UL, frame.TargetId);
        Assert.Equal(0xCAFEBABEUL, frame.SchemaHash);
        Assert.Equal(3, frame.Count);
        var decoded = new List<byte[]>();
        foreach (ReadOnlySpan<byte> item in frame)
        {
            decoded.Add(item.ToArray());
        }

        Assert.Equal(s_items[1..], decoded);
    }

    [Fact]
    public void TaskFrame_Truncated_IsRefused()
    {
        byte[] payload = TaskPayload();
        for (int length = 0; length < payload.Length; length++)
        {
            Assert.False(TaskFrame.TryDecode(WorkerMessage.Task, payload.AsSpan(0, length), out _), $"accepted {length} of {payload.Length} bytes");
        }
    }

    [Fact]
    public void TaskFrame_WithBytesLeftOver_IsRefused() =>
        Assert.False(TaskFrame.TryDecode(WorkerMessage.Task, [.. TaskPayload(), 0], out _));

    [Theory]
    [InlineData((byte)WorkerMessage.Ready)]
    [InlineData((byte)WorkerMessage.Results)]
    [InlineData(0)]
    [InlineData(200)]
    public void TaskFrame_OfAnotherKind_IsRefused(byte kind) =>
        Assert.False(TaskFrame.TryDecode((WorkerMessage)kind, TaskPayload(), out _));

    [Theory]
    [InlineData(16, -1)] // negative count
    [InlineData(16, int.MaxValue)] // oversize count
    [InlineData(16, 5)] // more items than the frame holds
    [InlineData(16, 3)] // fewer items than the frame holds
    [InlineData(20, -1)] // negative item length
    [InlineData(20, int.MaxValue)] // oversize item length
    [InlineData(20, 4)] // item length one past its bytes
    [InlineData(20, 2)] // item length short of its bytes
    public void TaskFrame_WithAWrongLength_IsRefused(int offset, int value)
    {
        byte[] payload = TaskPayload();
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(offset), value);
        Assert.False(TaskFrame.TryDecode(WorkerMessage.Task, payload, out _));
    }

    [Fact]
    public void TaskFrame_WithNoItems_DecodesEmpty()
    {
        byte[] payload = new byte[TaskFrame.HeaderLength];
        Assert.True(TaskFrame.TryDecode(WorkerMessage.Task, payload, out TaskFrame frame));
        Assert.Equal(0, frame.Count);
        foreach (ReadOnlySpan<byte> item in frame)
        {
            Assert.Fail($"an empty frame yielded {item.Length} bytes");
        }
    }

    [Fact]
    public void ResultFrame_Sealed_DecodesToTheSameOutcomes()
    {
        var batch = new ResultBatch();
        batch.Add(ItemStatus.Returned, [9, 8, 7]);
        batch.Add(ItemStatus.Threw, [1]);
        batch.Add(ItemStatus.Returned, []);
        Assert.Equal(3, batch.Count);

        byte[] sealedFrame = batch.Seal().ToArray();

        Assert.Equal(0, batch.Count);
        Assert.Equal(sealedFrame.Length - 4, BinaryPrimitives.ReadInt32LittleEndian(sealedFrame));
        Assert.Equal((byte)WorkerMessage.Results, sealedFrame[4]);
        Assert.True(ResultFrame.TryDecode(WorkerMessage.Results, sealedFrame.AsSpan(WorkerFrameHeader.Length), out ResultFrame frame));
        Assert.Equal(3, frame.Count);
        var statuses = new List<ItemStatus>();
        var data = new List<byte[]>();
        ResultFrame.Enumerator items = frame.GetEnumerator();
        while (items.MoveNext())
        {
            statuses.Add(items.Status);
            data.Add(items.Data.ToArray());
        }

        Assert.Equal([ItemStatus.Returned, ItemStatus.Threw, ItemStatus.Returned], statuses);
        Assert.Equal([[9, 8, 7], [1], []], data);
    }

    [Fact]
    public void ResultBatch_AfterSeal_StartsAFreshFrame()
    {
        var batch = new ResultBatch();
        batch.Add(ItemStatus.Returned, new byte[100_000]);
        _ = batch.Seal();
        batch.Add(ItemStatus.Threw, [5]);

        byte[] frame = batch.Seal().ToArray();

        Assert.True(ResultFrame.TryDecode(WorkerMessage.Results, frame.AsSpan(WorkerFrameHeader.Length), out ResultFrame decoded));
        Assert.Equal(1, decoded.Count);
        ResultFrame.Enumerator items = decoded.GetEnumerator();
        Assert.True(items.MoveNext());
        Assert.Equal(ItemStatus.Threw, items.Status);
        Assert.Equal(new byte[] { 5 }, items.Data.ToArray());
        Assert.False(items.MoveNext());
    }

    [Fact]
    public void ResultFrame_Truncated_IsRefused()
    {
        byte[] payload = ResultPayload();
        for (int length = 0; length < payload.Length; length++)
        {
            Assert.False(ResultFrame.TryDecode(WorkerMessage.Results, payload.AsSpan(0, length), out _), $"accepted {length} of {payload.Length} bytes");
        }
    }

    [Fact]
    public void ResultFrame_WithBytesLeftOver_IsRefused() =>
        Assert.False(ResultFrame.TryDecode(WorkerMessage.Results, [.. ResultPayload(), 0], out _));

    [Theory]
    [InlineData((byte)WorkerMessage.Task)]
    [InlineData((byte)WorkerMessage.InitializerFailed)]
    [InlineData(99)]
    public void ResultFrame_OfAnotherKind_IsRefused(byte kind) =>
        Assert.False(ResultFrame.TryDecode((WorkerMessage)kind, ResultPayload(), out _));

    [Theory]
    [InlineData(2)]
    [InlineData(0xFF)]
    public void ResultFrame_WithAnUnknownStatus_IsRefused(byte status)
    {
        byte[] payload = ResultPayload();
        payload[4] = status;
        Assert.False(ResultFrame.TryDecode(WorkerMessage.Results, payload, out _));
    }

    [Theory]
    [InlineData(0, 0)] // no items
    [InlineData(0, -1)] // negative count
    [InlineData(0, int.MaxValue)] // oversize count
    [InlineData(0, 3)] // more items than the frame holds
    [InlineData(0, 1)] // fewer items than the frame holds
    [InlineData(5, -1)] // negative item length
    [InlineData(5, int.MaxValue)] // oversize item length
    [InlineData(5, 3)] // item length one past its bytes
    public void ResultFrame_WithAWrongLength_IsRefused(int offset, int value)
    {
        byte[] payload = ResultPayload();
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(offset), value);
        Assert.False(ResultFrame.TryDecode(WorkerMessage.Results, payload, out _));
    }

    [Fact]
    public void RandomBytes_NeverThrow_AndWhatDecodesCanBeWalked()
    {
        var random = new Random(12345);
        for (int round = 0; round < 20_000; round++)
        {
            byte[] payload = new byte[random.Next(0, 64)];
            random.NextBytes(payload);
            if (payload.Length >= 4 && random.Next(2) == 0)
            {
                // Plausible counts, so the item checks are reached too.
                BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(payload.Length >= 20 && random.Next(2) == 0 ? 16 : 0), random.Next(0, 4));
            }

            if (TaskFrame.TryDecode(WorkerMessage.Task, payload, out TaskFrame task))
            {
                int seen = 0;
                foreach (ReadOnlySpan<byte> item in task)
                {
                    seen++;
                }

                Assert.Equal(task.Count, seen);
            }

            if (ResultFrame.TryDecode(WorkerMessage.Results, payload, out ResultFrame results))
            {
                int seen = 0;
                ResultFrame.Enumerator items = results.GetEnumerator();
                while (items.MoveNext())
                {
                    Assert.True(items.Status is ItemStatus.Returned or ItemStatus.Threw);
                    seen++;
                }

                Assert.Equal(results.Count, seen);
            }
        }
    }

    /// <summary>A task payload of two items: <c>[1, 2, 3]</c> (length at offset 20) and <c>[4]</c>.</summary>
    private static byte[] TaskPayload()
    {
        ArgBlock args = Block([[1, 2, 3], [4]]);
        byte[] buffer = new byte[TaskFrame.WireLength(2, 4)];
        TaskFrame.Encode(buffer, 7, 8, args, 0, 2);
        return buffer[WorkerFrameHeader.Length..];
    }

    /// <summary>A results payload of two items: Returned <c>[1, 2]</c> (length at offset 5) and Threw <c>[3]</c>.</summary>
    private static byte[] ResultPayload()
    {
        var batch = new ResultBatch();
        batch.Add(ItemStatus.Returned, [1, 2]);
        batch.Add(ItemStatus.Threw, [3]);
        return batch.Seal()[WorkerFrameHeader.Length..].ToArray();
    }

    private static ArgBlock Block(byte[][] items) =>
        ArgBlock.Encode(static (ref WireWriter writer, byte[] item) => writer.WriteRaw(item), items, 0, items.Length);
}
