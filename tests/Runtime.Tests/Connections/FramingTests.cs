using System.Buffers.Binary;
using System.Net.Sockets;
using Xunit;

namespace Multiproc.Tests.Connections;

/// <summary>The bytes on the wire, checked against CPython's <c>multiprocessing.connection</c> framing.</summary>
public sealed class FramingTests
{
    [Fact]
    public void SendBytes_WritesAFourByteBigEndianLengthThenTheBytes()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            connection.SendBytes("abc"u8);
            connection.SendBytes([]);
            byte[] wire = ReadExactly(raw.Peer, 7 + 4);
            Assert.Equal(new byte[] { 0, 0, 0, 3, (byte)'a', (byte)'b', (byte)'c', 0, 0, 0, 0 }, wire);
        }
    }

    [Fact]
    public void Send_OfAValue_IsOneFrameOfItsWireEncoding()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            connection.Send(0x01020304);
            Assert.Equal(new byte[] { 0, 0, 0, 4, 4, 3, 2, 1 }, ReadExactly(raw.Peer, 8));
        }
    }

    [Fact]
    public void LargeFormHeader_MinusOneThenEightBytes_IsAccepted()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            byte[] frame = new byte[4 + 8 + 5];
            BinaryPrimitives.WriteInt32BigEndian(frame, -1);
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(4), 5);
            "hello"u8.CopyTo(frame.AsSpan(12));
            raw.Peer.Send(frame);
            Assert.Equal("hello"u8.ToArray(), connection.RecvBytes());
        }
    }

    [Fact]
    public void NegativeLength_StopsReceivingWithAClearError()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            raw.Peer.Send(new byte[] { 0xFF, 0xFF, 0xFF, 0xFE, 1, 2 });
            var error = Assert.Throws<MessageLengthException>(() => connection.RecvBytes());
            Assert.Contains("negative length (-2)", error.Message);
            AssertSendOnly(connection);
        }
    }

    [Fact]
    public void LengthOfTwoToTheFortieth_IsRefusedWithoutAllocating()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            byte[] frame = RawPair.LargeFormHeader(1UL << 40);
            raw.Peer.Send(frame);
            var error = Assert.Throws<MessageLengthException>(() => connection.Recv<byte[]>());
            Assert.Equal(1L << 40, error.Length);
            Assert.Contains("1099511627776", error.Message);
            AssertSendOnly(connection);
        }
    }

    [Fact]
    public void TruncatedMessage_IsAnErrorDistinctFromEndOfStream()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            raw.Peer.Send(new byte[] { 0, 0, 0, 10, 1, 2, 3 });
            raw.Peer.Shutdown(SocketShutdown.Send);
            var error = Assert.Throws<IOException>(() => connection.RecvBytes());
            Assert.IsNotType<EndOfStreamException>(error);
            Assert.Contains("got 3 of 10 bytes", error.Message);
            Assert.Contains("middle of a message", Assert.Throws<InvalidOperationException>(() => connection.RecvBytes()).Message);
        }
    }

    [Fact]
    public void TruncatedHeader_IsAnError()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            raw.Peer.Send(new byte[] { 0, 0 });
            raw.Peer.Shutdown(SocketShutdown.Send);
            var error = Assert.Throws<IOException>(() => connection.RecvBytes());
            Assert.IsNotType<EndOfStreamException>(error);
            Assert.Contains("frame header", error.Message);
        }
    }

    [Fact]
    public async Task ReceiveInterruptedInTheMiddleOfAMessage_RefusesFurtherReceives()
    {
        using var raw = RawPair.Create(out Connection connection);
        using (connection)
        {
            // A header announcing 10 bytes followed by only 3; the receive takes them, then gives up waiting.
            raw.Peer.Send(new byte[] { 0, 0, 0, 10, 1, 2, 3 });
            Assert.True(connection.Poll(TimeSpan.FromSeconds(30)));
            long deadline = Environment.TickCount64 + 100;
            await Assert.ThrowsAsync<TimeoutException>(() =>
                connection.ReceiveBytesAsync<Multiproc.Connections.SyncConnectionIO>(long.MaxValue, deadline, default).AsTask());
            var error = Assert.Throws<InvalidOperationException>(() => connection.RecvBytes());
            Assert.Contains("middle of a message", error.Message);
            connection.SendBytes([1]);
        }
    }

    private static byte[] ReadExactly(Socket socket, int count)
    {
        byte[] buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            int read = socket.Receive(buffer, total, count - total, SocketFlags.None);
            Assert.NotEqual(0, read);
            total += read;
        }

        return buffer;
    }

    /// <summary>What Python leaves after a bad message length on a duplex end: unreadable, open for sending.</summary>
    private static void AssertSendOnly(Connection connection)
    {
        Assert.False(connection.Readable);
        Assert.True(connection.Writable);
        Assert.False(connection.Closed);
        var error = Assert.Throws<InvalidOperationException>(() => connection.RecvBytes());
        Assert.Contains("bad length", error.Message);
        connection.SendBytes("still open"u8);
    }
}
