using System.Buffers.Binary;
using Multiproc.Interop;

namespace Multiproc.Tests.Core;

/// <summary>
/// The one framed channel (the child's control channel and the pool's task channels speak it) over a real socket
/// pair: frames cut anywhere by the stream, many frames in one receive, descriptors riding with a frame, end of stream
/// before and inside a frame, and lengths that cannot be a frame.
/// </summary>
public sealed class FramedChannelTests
{
    [Fact]
    public async Task BufferedReceive_ReassemblesFramesSplitAnywhere_AndReadsManyFromOneReceive()
    {
        (FramedChannel a, FramedChannel b) = Pair();
        using (a)
        using (b)
        {
            byte[] big = new byte[200_000]; // larger than the receive buffer: it must grow
            Random.Shared.NextBytes(big);
            byte[] stream = [.. Frame(1, [1, 2, 3]), .. Frame(2, []), .. Frame(3, big)];

            // Sent in pieces that cut the headers and the payloads.
            var sender = Task.Run(() =>
            {
                int at = 0;
                foreach (int size in new[] { 2, 5, 4, 100, stream.Length })
                {
                    int n = Math.Min(size, stream.Length - at);
                    Assert.True(a.Send(stream.AsSpan(at, n)));
                    at += n;
                }
            });

            var got = new List<(byte Kind, byte[] Payload)>();
            while (got.Count < 3)
            {
                if (b.TryTakeFrame(out byte kind, out ReadOnlyMemory<byte> payload))
                {
                    got.Add((kind, payload.ToArray()));
                    continue;
                }

                Assert.True(b.ReceiveMore(), "the stream ended early");
            }

            await sender;
            Assert.Equal(new byte[] { 1, 2, 3 }, got[0].Payload);
            Assert.Equal((byte)2, got[1].Kind);
            Assert.Empty(got[1].Payload);
            Assert.Equal(big, got[2].Payload);

            a.Dispose();
            Assert.False(b.ReceiveMore(), "end of stream once the peer closed");
            Assert.False(b.TryTakeFrame(out _, out _));
        }
    }

    [Fact]
    public void WholeFrameReceive_CarriesDescriptors_AndEndsCleanlyOnlyBetweenFrames()
    {
        (FramedChannel a, FramedChannel b) = Pair();
        using (a)
        using (b)
        {
            (int keep, int other) = Libc.CreateSocketPair();
            try
            {
                Assert.Equal(0, a.SendFrame(7, [9, 8], [keep]));
                var frame = b.Receive();
                Assert.NotNull(frame);
                Assert.Equal((byte)7, frame.Value.Kind);
                Assert.Equal(new byte[] { 9, 8 }, frame.Value.Payload);
                int received = Assert.Single(frame.Value.Descriptors);
                Assert.NotEqual(keep, received);
                Libc.Close(received);
            }
            finally
            {
                Libc.Close(keep);
                Libc.Close(other);
            }

            // Half a frame, then the end: an error, not a clean end.
            Assert.True(a.Send(Frame(1, [1, 2, 3, 4]).AsSpan(0, 6)));
            a.Dispose();
            Assert.Throws<EndOfStreamException>(() => b.Receive());
        }

        (a, b) = Pair();
        using (b)
        {
            a.Dispose();
            Assert.Null(b.Receive());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public void ALengthThatCannotBeAFrame_IsRefused_ByBothReceives(int length)
    {
        byte[] header = new byte[FramedChannel.HeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        (FramedChannel a, FramedChannel b) = Pair();
        using (a)
        using (b)
        {
            Assert.True(a.Send(header));
            Assert.True(b.ReceiveMore());
            Assert.Contains($"Invalid frame length {length}", Assert.Throws<IOException>(() => b.TryTakeFrame(out _, out _)).Message);
        }

        (a, b) = Pair();
        using (a)
        using (b)
        {
            Assert.True(a.Send(header));
            Assert.Throws<IOException>(() => b.Receive());
        }
    }

    private static (FramedChannel A, FramedChannel B) Pair()
    {
        (int first, int second) = Libc.CreateSocketPair();
        return (new FramedChannel(first, "test channel A"), new FramedChannel(second, "test channel B"));
    }

    private static byte[] Frame(byte kind, byte[] payload)
    {
        byte[] frame = new byte[FramedChannel.HeaderSize + payload.Length];
        FramedChannel.WriteHeader(frame, kind, payload.Length);
        payload.CopyTo(frame, FramedChannel.HeaderSize);
        return frame;
    }
}
