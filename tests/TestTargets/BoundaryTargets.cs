namespace Multiproc.Tests.Targets.Boundary;

/// <summary>A day, only ever carried inside connection messages and queue items (never in a target signature).</summary>
public enum Weekday
{
    /// <summary>Monday.</summary>
    Monday,

    /// <summary>Tuesday.</summary>
    Tuesday,

    /// <summary>Friday.</summary>
    Friday,

    /// <summary>Sunday.</summary>
    Sunday,
}

/// <summary>One reading; lists of it cross only through <see cref="Connection"/> messages.</summary>
/// <param name="Sensor">The sensor's name.</param>
/// <param name="Value">The reading.</param>
[ProcessSerializable]
public sealed record Measurement(string Sensor, double Value);

/// <summary>
/// Targets whose messages and queue items are of types that appear in no <c>[ProcessTarget]</c> signature
/// (every target here takes only a <see cref="Connection"/>): the generator emits their serializers from the
/// <c>Send</c>/<c>Recv</c>/queue uses alone. Without those, the child fails with "No wire serializer is registered".
/// </summary>
public static class BoundaryTargets
{
    /// <summary>Receives a <c>List&lt;Measurement&gt;</c>, answers the total per sensor as a dictionary; returns the count.</summary>
    [ProcessTarget]
    public static int SummarizeMeasurements(Connection connection)
    {
        using (connection)
        {
            List<Measurement> batch = connection.Recv<List<Measurement>>();
            var totals = new Dictionary<string, double>();
            foreach (Measurement m in batch)
            {
                totals[m.Sensor] = totals.GetValueOrDefault(m.Sensor) + m.Value;
            }

            connection.Send(totals);
            return batch.Count;
        }
    }

    /// <summary>Receives (name, day) pairs asynchronously and sends them back with the names in upper case.</summary>
    [ProcessTarget]
    public static async Task EchoDaysAsync(Connection connection)
    {
        using (connection)
        {
            (string Who, Weekday Day)[] days = await connection.RecvAsync<(string Who, Weekday Day)[]>();
            await connection.SendAsync(days.Select(d => (d.Who.ToUpperInvariant(), d.Day)).ToArray());
        }
    }

    /// <summary>
    /// Receives three queues of the parent's (plain, joinable, simple) and puts one item on each; waits until
    /// the parent marked the joinable queue's item done.
    /// </summary>
    [ProcessTarget]
    public static void FillQueues(Connection connection)
    {
        using (connection)
        {
            using ProcessQueue<List<(string Word, int Count)>> counts = connection.Recv<ProcessQueue<List<(string Word, int Count)>>>();
            using JoinableProcessQueue<HashSet<Weekday>> days = connection.Recv<JoinableProcessQueue<HashSet<Weekday>>>();
            using SimpleProcessQueue<Weekday?[]> maybe = connection.Recv<SimpleProcessQueue<Weekday?[]>>();
            counts.Put([("spam", 2), ("eggs", 1)]);
            days.Put([Weekday.Monday, Weekday.Friday]);
            maybe.Put([Weekday.Sunday, null]);
            days.Join();
        }
    }
}
