using Multiproc.Processes;
using Xunit;

namespace Multiproc.Tests.Connections;

public sealed class PipeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public void DuplexPipe_TypedValues_TravelBothWays()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            a.Send(42);
            a.Send("héllo");
            b.Send(new byte[] { 1, 2, 3 });
            b.Send(3.5);

            Assert.Equal(42, b.Recv<int>());
            Assert.Equal("héllo", b.Recv<string>());
            Assert.Equal(new byte[] { 1, 2, 3 }, a.Recv<byte[]>());
            Assert.Equal(3.5, a.Recv<double>());
            Assert.True(a.Readable && a.Writable && b.Readable && b.Writable);
        }
    }

    [Fact]
    public void OneWayPipe_MisusedEnds_FailWithClearMessages()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        using (writer)
        {
            Assert.True(reader.Readable);
            Assert.False(reader.Writable);
            Assert.False(writer.Readable);
            Assert.True(writer.Writable);
            Assert.False(reader.Poll(), "nothing sent yet");
            Assert.Empty(Multiprocessing.Wait([reader], TimeSpan.Zero));

            Assert.Contains("read-only", Assert.Throws<InvalidOperationException>(() => reader.Send(1)).Message);
            Assert.Contains("read-only", Assert.Throws<InvalidOperationException>(() => reader.SendBytes([1])).Message);
            Assert.Contains("write-only", Assert.Throws<InvalidOperationException>(() => writer.Recv<int>()).Message);
            Assert.Contains("write-only", Assert.Throws<InvalidOperationException>(() => writer.RecvBytes()).Message);
            Assert.Contains("write-only", Assert.Throws<InvalidOperationException>(() => writer.Poll()).Message);

            writer.Send(7);
            Assert.Equal(7, reader.Recv<int>());
        }
    }

    [Fact]
    public void EmptyMessage_IsAMessage()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            Assert.False(b.Poll());
            a.SendBytes([]);
            Assert.True(b.Poll(Generous));
            Assert.True(b.Poll());
            Assert.Empty(b.RecvBytes());
            Assert.False(b.Poll());
        }
    }

    [Fact]
    public async Task Messages_AreNeverMergedOrSplit()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            int[] sizes = [0, 1, 5, 0, 16384, 16385, 70000, 3];
            var messages = sizes.Select((size, i) => Enumerable.Range(0, size).Select(j => (byte)(i + j)).ToArray()).ToArray();
            Task sender = Task.Run(() =>
            {
                foreach (byte[] message in messages)
                {
                    a.SendBytes(message);
                }
            });

            foreach (byte[] expected in messages)
            {
                Assert.Equal(expected, b.RecvBytes());
            }

            await sender.WaitAsync(Generous);
            Assert.False(b.Poll());
        }
    }

    [Fact]
    public async Task SixteenMebibyteMessage_RoundTrips()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            byte[] big = new byte[16 * 1024 * 1024];
            new Random(12345).NextBytes(big);
            Task sender = Task.Run(() => a.SendBytes(big));
            byte[] received = b.RecvBytes();
            await sender.WaitAsync(Generous);
            Assert.True(big.AsSpan().SequenceEqual(received));

            Task echo = Task.Run(() => b.Send(received));
            byte[] echoed = await a.RecvAsync<byte[]>();
            Assert.True(big.AsSpan().SequenceEqual(echoed));
            await echo.WaitAsync(Generous);
        }
    }

    [Fact]
    public void EndOfStream_AfterPeerClosedAndEverythingWasRead()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (b)
        {
            a.Send(1);
            a.SendBytes([9]);
            a.Close();
            Assert.True(a.Closed);

            Assert.Equal(1, b.Recv<int>());
            Assert.True(b.Poll());
            Assert.Equal(new byte[] { 9 }, b.RecvBytes());
            Assert.True(b.Poll(), "poll is true at end of stream, as in Python");
            Assert.Throws<EndOfStreamException>(() => b.Recv<int>());
            Assert.Throws<EndOfStreamException>(() => b.RecvBytes());
            Assert.Contains("closed", Assert.Throws<IOException>(() => b.SendBytes([1])).Message);
        }
    }

    [Fact]
    public void ClosedConnection_RefusesEverything()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        b.Dispose();
        a.Close();
        a.Close();
        Assert.Throws<ObjectDisposedException>(() => a.Send(1));
        Assert.Throws<ObjectDisposedException>(() => a.RecvBytes());
        Assert.Throws<ObjectDisposedException>(() => a.Poll());
        Assert.Throws<ObjectDisposedException>(() => a.Handle);
    }

    [Fact]
    public async Task Close_FromAnotherThread_EndsABlockedReceive()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        {
            using var started = new ManualResetEventSlim();
            Task<byte[]> receiving = Task.Run(() =>
            {
                started.Set();
                return b.RecvBytes();
            });
            Assert.True(started.Wait(Generous));
            b.Close();
            Exception error = await Assert.ThrowsAnyAsync<Exception>(() => receiving.WaitAsync(Generous));
            Assert.True(error is ObjectDisposedException or EndOfStreamException, error.ToString());
        }
    }

    [Fact]
    public void RecvBytes_MessageLongerThanMaxLength_MakesADuplexEndSendOnly()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            a.SendBytes(new byte[10]);
            a.SendBytes(new byte[1]);
            var error = Assert.Throws<MessageLengthException>(() => b.RecvBytes(maxLength: 9));
            Assert.Equal(10, error.Length);
            Assert.Contains("bad message length", error.Message);
            Assert.False(b.Readable);
            Assert.False(b.Closed);
            Assert.Throws<InvalidOperationException>(() => b.RecvBytes());
            Assert.Throws<InvalidOperationException>(() => b.Poll());
            b.SendBytes("back"u8);
            Assert.Equal("back"u8.ToArray(), a.RecvBytes());
            Assert.Throws<ArgumentOutOfRangeException>(() => a.RecvBytes(maxLength: -1));
        }
    }

    [Fact]
    public void RecvBytes_MessageLongerThanMaxLength_ClosesAReceiveOnlyEnd()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        using (writer)
        {
            writer.SendBytes(new byte[10]);
            var error = Assert.Throws<MessageLengthException>(() => reader.RecvBytes(maxLength: 9));
            Assert.Contains("has been closed", error.Message);
            Assert.True(reader.Closed);
            Assert.Throws<ObjectDisposedException>(() => reader.RecvBytes());
        }
    }

    [Fact]
    public void RecvBytes_MessageOfExactlyMaxLength_IsAccepted()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            a.SendBytes(new byte[] { 1, 2, 3 });
            Assert.Equal(new byte[] { 1, 2, 3 }, b.RecvBytes(maxLength: 3));
        }
    }

    [Fact]
    public void RecvBytesInto_ChecksOffsetsAndReportsShortBuffers()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            byte[] buffer = new byte[8];
            Assert.Throws<ArgumentOutOfRangeException>(() => b.RecvBytesInto(buffer, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => b.RecvBytesInto(buffer, 9));

            a.SendBytes([1, 2, 3]);
            Assert.Equal(3, b.RecvBytesInto(buffer, 5));
            Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1, 2, 3 }, buffer);

            a.SendBytes([]);
            Assert.Equal(0, b.RecvBytesInto(buffer, 8));

            a.SendBytes([4, 5, 6, 7]);
            var error = Assert.Throws<BufferTooShortException>(() => b.RecvBytesInto(buffer, 6));
            Assert.Equal(new byte[] { 4, 5, 6, 7 }, error.ReceivedMessage);

            // The message was consumed whole: the connection goes on.
            a.SendBytes([8]);
            Assert.Equal(1, b.RecvBytesInto(buffer));
            Assert.Equal(8, buffer[0]);
        }
    }

    [Fact]
    public void SendBytes_OffsetAndSize_AreCheckedAndHonoured()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            byte[] data = [0, 1, 2, 3, 4, 5];
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(data, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(data, 7));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(data, 2, -1));
            Assert.Throws<ArgumentOutOfRangeException>(() => a.SendBytes(data, 2, 5));
            Assert.Throws<ArgumentNullException>(() => a.SendBytes(null!, 0));

            a.SendBytes(data, 2);
            a.SendBytes(data, 1, 3);
            a.SendBytes(data, 6);
            Assert.Equal(new byte[] { 2, 3, 4, 5 }, b.RecvBytes());
            Assert.Equal(new byte[] { 1, 2, 3 }, b.RecvBytes());
            Assert.Empty(b.RecvBytes());
            Assert.False(b.Poll());
        }
    }

    [Fact]
    public void Poll_WithTimeout_ReturnsFalseWhenNothingArrives()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            Assert.False(b.Poll(TimeSpan.FromMilliseconds(50)));
            Assert.Throws<ArgumentOutOfRangeException>(() => b.Poll(TimeSpan.FromSeconds(-2)));
        }
    }

    [Fact]
    public async Task Poll_WithoutTimeoutArgument_WaitsForAMessage()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            Task sender = Task.Run(() => a.Send("late"));
            Assert.True(b.Poll(null));
            Assert.Equal("late", b.Recv<string>());
            await sender.WaitAsync(Generous);
        }
    }

    [Fact]
    public void Recv_OfATypeWithoutSerializer_FailsBeforeConsumingTheMessage()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            a.Send(5);
            Assert.Contains("No wire serializer", Assert.Throws<InvalidOperationException>(() => b.Recv<PipeTests>()).Message);
            Assert.Equal(5, b.Recv<int>());
        }
    }

    [Fact]
    public void Recv_OfAWrongType_FailsWithAWireFormatErrorAndKeepsTheStreamInStep()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            a.Send((byte)1);
            a.Send(2);
            Assert.Throws<Multiproc.Serialization.WireFormatException>(() => b.Recv<long>());
            Assert.Equal(2, b.Recv<int>());
        }
    }

    [Fact]
    public void Connection_ReadInAChild_WrapsTheInheritedDescriptor_OnceEachTime()
    {
        // Play the child: put one end where a child finds transferred descriptor 990, then decode it twice
        // (the same connection passed twice in one argument list).
        const int Index = 990;
        int childFd = StartProtocol.FirstTransferredFd + Index;
        (Connection parent, Connection original) = Multiprocessing.Pipe();
        using (parent)
        {
            Assert.Equal(childFd, Multiproc.Interop.Libc.Dup2(original.Handle, childFd));
            original.Close();
            byte[] encoded = [.. BitConverter.GetBytes(Index), 3, .. BitConverter.GetBytes(Index), 1];
            Connection first, second;
            using (FdTransfer.BeginIncoming([]))
            {
                var reader = new Multiproc.Serialization.WireReader(encoded);
                first = Connection.Read(ref reader);
                second = Connection.Read(ref reader);
                reader.EnsureFullyConsumed();
            }

            Assert.Equal(childFd, first.Handle);
            Assert.NotEqual(first.Handle, second.Handle);
            Assert.True(first.Readable && first.Writable);
            Assert.True(second.Readable && !second.Writable);

            first.Send("from the child");
            Assert.Equal("from the child", parent.Recv<string>());
            parent.Send(2);
            Assert.Equal(2, second.Recv<int>());

            first.Close();
            Assert.False(parent.Poll(), "the second copy keeps the connection open");
            second.Close();
            Assert.Throws<EndOfStreamException>(() => parent.Recv<int>());
        }
    }

    [Fact]
    public void Connection_OutsideAProcessArgument_CannotBeSerialized()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            var error = Assert.Throws<InvalidOperationException>(() =>
            {
                var w = new Multiproc.Serialization.WireWriter();
                try
                {
                    Connection.Write(ref w, a);
                }
                finally
                {
                    w.Dispose();
                }
            });
            Assert.Contains("can only be passed to a child", error.Message);
        }
    }

    [Fact]
    public void Connection_AsProcessArgument_CarriesItsDescriptorAndDirection()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        using (writer)
        {
            byte[] encoded = [];
            int[] fds = FdTransfer.CollectOutgoing(() =>
            {
                var w = new Multiproc.Serialization.WireWriter();
                try
                {
                    Connection.Write(ref w, writer);
                    Connection.Write(ref w, reader);
                    Connection.Write(ref w, writer);
                    Connection.Write(ref w, null!);
                    encoded = w.ToArray();
                }
                finally
                {
                    w.Dispose();
                }
            });

            Assert.Equal(new[] { writer.Handle, reader.Handle }, fds);
            var r = new Multiproc.Serialization.WireReader(encoded);
            Assert.Equal(0, r.ReadInt32());
            Assert.Equal(2, r.ReadUnmanaged<byte>());
            Assert.Equal(1, r.ReadInt32());
            Assert.Equal(1, r.ReadUnmanaged<byte>());
            Assert.Equal(0, r.ReadInt32());
            Assert.Equal(2, r.ReadUnmanaged<byte>());
            Assert.Equal(-1, r.ReadInt32());
            r.EnsureFullyConsumed();
        }
    }
}
