using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Boundary;

namespace Multiproc.Tests.Connections;

/// <summary>
/// Types used only at <c>Connection.Send/Recv</c> (sync and async) and as queue items (plain, joinable and
/// simple queues), never in a target signature, cross between real processes: the generator emits their
/// serializers from those uses, in the child's assembly and in this one.
/// </summary>
public sealed class BoundarySerializerTests : ChildProcessTest
{
    [Fact]
    public void SendAndRecv_ListAndDictionaryUsedOnlyThere_RoundTrip()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        {
            Process<int> process = Spawn.SummarizeMeasurements(child);
            child.Dispose();
            parent.Send(new List<Measurement> { new("a", 1.5), new("b", 2), new("a", 3) });
            Dictionary<string, double> totals = parent.Recv<Dictionary<string, double>>();
            Assert.Equal(3, process.GetResult());
            Assert.Equal(new Dictionary<string, double> { ["a"] = 4.5, ["b"] = 2 }, totals);
            Assert.True(process.Join(Patience));
        }
    }

    [Fact]
    public async Task SendAsyncAndRecvAsync_TupleArrayWithEnumUsedOnlyThere_RoundTrip()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        {
            Process process = Spawn.EchoDaysAsync(child);
            child.Dispose();
            await parent.SendAsync(new[] { ("ada", Weekday.Monday), ("bob", Weekday.Sunday) });
            (string Who, Weekday Day)[] back = await parent.RecvAsync<(string Who, Weekday Day)[]>();
            Assert.Equal([("ADA", Weekday.Monday), ("BOB", Weekday.Sunday)], back);
            Assert.True(process.Join(Patience));
            Assert.Equal(0, process.ExitCode);
        }
    }

    [Fact]
    public void QueueItemsUsedOnlyAsQueueItems_CrossFromAChild()
    {
        (Connection parent, Connection child) = Multiprocessing.Pipe();
        using (parent)
        using (var counts = new ProcessQueue<List<(string Word, int Count)>>())
        using (JoinableProcessQueue<HashSet<Weekday>> days = Multiprocessing.JoinableQueue<HashSet<Weekday>>())
        using (SimpleProcessQueue<Weekday?[]> maybe = Multiprocessing.SimpleQueue<Weekday?[]>())
        {
            Process process = Spawn.FillQueues(child);
            child.Dispose();
            parent.Send(counts);
            parent.Send(days);
            parent.Send(maybe);
            Assert.Equal([("spam", 2), ("eggs", 1)], counts.Get(Patience));
            Assert.Equal([Weekday.Monday, Weekday.Friday], days.Get(Patience).Order());
            days.TaskDone();
            Assert.Equal([Weekday.Sunday, null], maybe.Get());
            Assert.True(process.Join(Patience));
            Assert.Equal(0, process.ExitCode);
        }
    }
}
