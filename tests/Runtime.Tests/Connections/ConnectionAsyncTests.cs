using Xunit;

namespace Multiproc.Tests.Connections;

public sealed class ConnectionAsyncTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AsyncMembers_InteroperateWithBlockingOnes()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            await a.SendAsync("one");
            await a.SendBytesAsync(new byte[] { 1, 2 });
            await a.SendBytesAsync(new byte[] { 0, 1, 2, 3 }, 1, 2);
            a.Send(4L);

            Assert.Equal("one", b.Recv<string>());
            Assert.Equal(new byte[] { 1, 2 }, await b.RecvBytesAsync());
            byte[] into = new byte[4];
            Assert.Equal(2, await b.RecvBytesIntoAsync(into, 2));
            Assert.Equal(new byte[] { 0, 0, 1, 2 }, into);
            Assert.Equal(4L, await b.RecvAsync<long>());
        }
    }

    [Fact]
    public async Task RecvAsync_WaitsForALaterMessage()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            ValueTask<int> pending = b.RecvAsync<int>();
            a.Send(99);
            Assert.Equal(99, await pending.AsTask().WaitAsync(Generous));
        }
    }

    [Fact]
    public async Task RecvAsync_CancelledBeforeAMessage_LeavesTheConnectionUsable()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            using var cancel = new CancellationTokenSource();
            ValueTask<byte[]> pending = b.RecvBytesAsync(cancellationToken: cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask());

            a.SendBytes([5]);
            Assert.Equal(new byte[] { 5 }, b.RecvBytes());
        }
    }

    [Fact]
    public async Task AsyncEndOfStream_IsReported()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (b)
        {
            ValueTask<string> pending = b.RecvAsync<string>();
            a.Close();
            await Assert.ThrowsAsync<EndOfStreamException>(() => pending.AsTask().WaitAsync(Generous));
        }
    }

    [Fact]
    public async Task PollAsync_ReportsArrivalAndTimeout()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            Assert.False(await b.PollAsync(TimeSpan.FromMilliseconds(50)));
            ValueTask<bool> pending = b.PollAsync(null);
            a.Send(1);
            Assert.True(await pending.AsTask().WaitAsync(Generous));
            Assert.Equal(1, b.Recv<int>());
        }
    }

    [Fact]
    public async Task AsyncSixteenMebibytes_RoundTrip()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            byte[] big = new byte[16 * 1024 * 1024];
            new Random(7).NextBytes(big);
            Task sending = a.SendBytesAsync(big).AsTask();
            byte[] received = await b.RecvBytesAsync();
            await sending.WaitAsync(Generous);
            Assert.True(big.AsSpan().SequenceEqual(received));
        }
    }
}
