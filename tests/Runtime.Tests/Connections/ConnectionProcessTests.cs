// Cross-process connection tests: connection ends passed to real children as [ProcessTarget] arguments.
using System.Net;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Connections;
using Xunit;

namespace Multiproc.Tests.Connections;

public sealed class ConnectionProcessTests : ChildProcessTest
{
    [Fact]
    public void DuplexEnd_PassedToAChild_EchoesBytes()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        {
            Process<int> process = Spawn.ConnectionEchoBytes(child);
            child.Close(); // The child has its own copy now; ours would keep the stream open.
            foreach (byte[] message in new[] { "a"u8.ToArray(), [], new byte[100_000] })
            {
                parent.SendBytes(message);
                Assert.Equal(message, parent.RecvBytes());
            }

            parent.Close();
            Assert.True(process.Join(Patience));
            Assert.Equal(3, process.GetResult());
        }
    }

    [Fact]
    public void TooLongAMessageFromAChild_LeavesTheDuplexEndOpenForSending()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        {
            Process<int> process = Spawn.ConnectionAnswerOnceThenCount(child, 100);
            child.Close();
            var error = Assert.Throws<MessageLengthException>(() => parent.RecvBytes(10));
            Assert.Equal(100, error.Length);
            Assert.False(parent.Readable);
            Assert.True(parent.Writable);
            Assert.False(parent.Closed);
            Assert.Throws<InvalidOperationException>(() => parent.Poll());

            // The end still sends: the child receives both messages.
            parent.SendBytes("first"u8);
            parent.SendBytes("second"u8);
            parent.Close();
            Assert.True(process.Join(Patience));
            Assert.Equal(2, process.GetResult());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DefaultListener_UnderUmask000_SitsInAPrivateDirectory_RemovedAtCloseOrExit(bool leaveOpen)
    {
        string[] report = Targets.Spawn.DefaultListenerUnderUmask(0, leaveOpen).GetResult().Split('|');
        string path = report[0];
        string directory = Path.GetDirectoryName(path)!;
        Assert.NotEqual(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), directory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, (UnixFileMode)int.Parse(report[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(File.Exists(path), $"{path} was left behind");
        Assert.False(Directory.Exists(directory), $"{directory} was left behind");
    }

    [Fact]
    public async Task HundredsOfSilentClients_DoNotHoldUpAGoodOne()
    {
        byte[] key = "flood key"u8.ToArray();
        using var listener = Listener.Unix(authKey: key);
        // Silent clients never time out here, so the good one can only be served if handshakes do not wait in line.
        listener.HandshakeTimeout = Timeout.InfiniteTimeSpan;
        Task<Connection> accepting = Task.Run(listener.Accept);
        var silent = new List<System.Net.Sockets.Socket>();
        try
        {
            // Blocking connects, as most clients make: each waits while the listener's backlog is full.
            await Task.Run(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                    lock (silent)
                    {
                        silent.Add(socket);
                    }

                    socket.Connect(listener.Address);
                }
            }).WaitAsync(Patience);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            Process good = Spawn.ConnectionClientSendsPid(listener.Address.ToString()!, key);
            using Connection connection = await accepting.WaitAsync(Patience);
            Assert.Equal(good.Pid, connection.Recv<int>());
            Console.WriteLine($"good client served {clock.ElapsedMilliseconds} ms after its start, 200 silent clients connected");
            Assert.True(good.Join(Patience));
            Assert.Equal(0, good.ExitCode);
        }
        finally
        {
            lock (silent)
            {
                silent.ForEach(s => s.Dispose());
            }
        }
    }

    [Fact]
    public void TypedMessages_CrossTheProcessBoundary()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        {
            Process process = Spawn.ConnectionEchoUpper(child);
            child.Close();
            parent.Send("hello");
            Assert.Equal("HELLO", parent.Recv<string>());
            parent.Close();
            Assert.True(process.Join(Patience));
            Assert.Equal(0, process.ExitCode);
        }
    }

    [Fact]
    public void OneWayPipe_ChildWrites_ParentReadsUntilEndOfStream()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        {
            Process process = Spawn.ConnectionSendNumbers(writer, 1000);
            writer.Close();
            long sum = 0;
            try
            {
                while (true)
                {
                    sum += reader.Recv<int>();
                }
            }
            catch (EndOfStreamException)
            {
            }

            Assert.Equal(999L * 1000 / 2, sum);
            Assert.True(process.Join(Patience));
        }
    }

    [Fact]
    public void OneWayPipe_ParentWrites_ChildSums()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        Process<long> process = Spawn.ConnectionSumNumbers(reader);
        reader.Close();
        using (writer)
        {
            for (int i = 1; i <= 100; i++)
            {
                writer.Send(i);
            }
        }

        Assert.True(process.Join(Patience));
        Assert.Equal(5050L, process.GetResult());
    }

    [Fact]
    public void DirectionFlags_TravelWithTheEnd()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        using (writer)
        {
            Process<string> forReader = Spawn.ConnectionDirection(reader);
            Process<string> forWriter = Spawn.ConnectionDirection(writer);
            Assert.True(forReader.Join(Patience) && forWriter.Join(Patience));
            Assert.Equal("readable,", forReader.GetResult());
            Assert.Equal(",writable", forWriter.GetResult());
        }
    }

    [Fact]
    public void SixteenMebibytes_FromAChild()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        {
            const int Size = 16 * 1024 * 1024;
            Process process = Spawn.ConnectionSendLarge(child, Size);
            child.Close();
            byte[] data = parent.RecvBytes();
            Assert.Equal(Size, data.Length);
            Assert.Equal(unchecked((byte)(12345 * 31)), data[12345]);
            parent.SendBytes([1]);
            Assert.True(process.Join(Patience));
        }
    }

    [Fact]
    public void ChildAsClient_AuthenticatesWithTheParentsListener()
    {
        byte[] key = "child key"u8.ToArray();
        using var listener = Listener.Tcp(authKey: key);
        var address = (IPEndPoint)listener.Address;
        Process process = Spawn.ConnectionClientSendsPid($"127.0.0.1:{address.Port}", key);
        using Connection connection = listener.Accept();
        Assert.Equal(process.Pid, connection.Recv<int>());
        Assert.True(process.Join(Patience));
    }

    [Fact]
    public void Wait_ReportsAChildsMessageAndItsExit()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        {
            Process process = Spawn.ConnectionExitWithoutClosing(child);
            child.Close();
            IReadOnlyList<object> ready = Multiprocessing.Wait<object>([parent, process.Sentinel], Patience);
            Assert.Contains(parent, ready);
            Assert.Equal("bye", parent.Recv<string>());
            Assert.True(process.Join(Patience));
            Assert.Contains(process.Sentinel, Multiprocessing.Wait<object>([process.Sentinel], TimeSpan.Zero));
            Assert.Throws<EndOfStreamException>(() => parent.Recv<string>());
        }
    }
}
