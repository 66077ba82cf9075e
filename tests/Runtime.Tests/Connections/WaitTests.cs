using Xunit;

namespace Multiproc.Tests.Connections;

public sealed class WaitTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public void Wait_ReturnsOnlyTheReadyConnections_InTheGivenOrder()
    {
        (Connection a1, Connection b1) = Multiprocessing.Pipe();
        (Connection a2, Connection b2) = Multiprocessing.Pipe();
        (Connection a3, Connection b3) = Multiprocessing.Pipe(duplex: false);
        using (a1)
        using (b1)
        using (a2)
        using (b2)
        using (a3)
        using (b3)
        {
            b2.Send(1);
            b3.Send(2);
            IReadOnlyList<Connection> ready = Multiprocessing.Wait([a1, a2, a3], Generous);
            Assert.Equal([a2, a3], ready);
        }
    }

    [Fact]
    public void Wait_TimesOutWithAnEmptyList()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        using (b)
        {
            Assert.Empty(Multiprocessing.Wait([a, b], TimeSpan.FromMilliseconds(50)));
            Assert.Empty(Multiprocessing.Wait([a], TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task Wait_WithoutTimeout_WakesForALaterMessageOrEndOfStream()
    {
        (Connection a, Connection b) = Multiprocessing.Pipe();
        using (a)
        {
            Task closer = Task.Run(b.Close);
            Assert.Equal([a], Multiprocessing.Wait([a]));
            Assert.Throws<EndOfStreamException>(() => a.RecvBytes());
            await closer.WaitAsync(Generous);
        }
    }

    [Fact]
    public async Task Wait_OverAConnectionAndAProcessSentinel_ReportsTheExitedProcess()
    {
        var info = new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "read line"]) { RedirectStandardInput = true };
        using var child = System.Diagnostics.Process.Start(info)!;
        int pidfd = Multiproc.Interop.Libc.PidfdOpen(child.Id, 0);
        Assert.True(pidfd >= 0, "pidfd_open failed");
        (Connection a, Connection b) = Multiprocessing.Pipe();
        try
        {
            var sentinel = new ProcessSentinel(null!, pidfd);
            Assert.Empty(Multiprocessing.Wait<object>([a, sentinel], TimeSpan.Zero));

            child.StandardInput.Close(); // The shell reads end of file and exits.
            Assert.Equal([sentinel], Multiprocessing.Wait<object>([a, sentinel], Generous));
            await child.WaitForExitAsync().WaitAsync(Generous);

            b.Send(1);
            Assert.Equal([a, sentinel], Multiprocessing.Wait<object>([a, sentinel], Generous));
        }
        finally
        {
            a.Dispose();
            b.Dispose();
            Multiproc.Interop.Libc.Close(pidfd);
        }
    }

    [Fact]
    public void Wait_RejectsWhatItCannotWaitFor()
    {
        (Connection reader, Connection writer) = Multiprocessing.Pipe(duplex: false);
        using (reader)
        using (writer)
        {
            Assert.Contains("write-only", Assert.Throws<ArgumentException>(() => Multiprocessing.Wait([writer], TimeSpan.Zero)).Message);
            Assert.Contains("String", Assert.Throws<ArgumentException>(() => Multiprocessing.Wait<object>([reader, "text"], TimeSpan.Zero)).Message);
            Assert.Throws<ArgumentNullException>(() => Multiprocessing.Wait<Connection>(null!));
            writer.Close();
            reader.Close();
            Assert.Throws<ObjectDisposedException>(() => Multiprocessing.Wait([reader], TimeSpan.Zero));
        }
    }
}
