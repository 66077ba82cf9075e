using Multiproc.Serialization;

namespace Multiproc.Tests.Targets;

/// <summary>Targets that take, return, queue and pipe <see cref="Reading"/>, a <c>[MemoryPackable]</c> record.</summary>
public static class MemoryPackTargets
{
    /// <summary>The reading with every value multiplied by <paramref name="factor"/> and the sensor name marked.</summary>
    [ProcessTarget]
    public static Reading Scale(Reading reading, double factor) => Scaled(reading, factor);

    /// <summary>Puts <paramref name="count"/> readings numbered 0 … count-1.</summary>
    [ProcessTarget]
    public static void PutReadings(ProcessQueue<Reading> queue, int count)
    {
        for (int i = 0; i < count; i++)
        {
            queue.Put(Numbered(i));
        }
    }

    /// <summary>
    /// Answers every reading with its scaled form until the parent closes its end; a malformed one is answered
    /// with a reading whose sensor is the error (the child carries on).
    /// </summary>
    [ProcessTarget]
    public static void EchoScaledReadings(Connection connection)
    {
        using (connection)
        {
            while (true)
            {
                Reading reading;
                try
                {
                    reading = connection.Recv<Reading>();
                }
                catch (EndOfStreamException)
                {
                    return;
                }
                catch (WireFormatException e)
                {
                    connection.Send(new Reading("error: " + e.Message, [], DateTime.UnixEpoch, null));
                    continue;
                }

                connection.Send(Scaled(reading, 2));
            }
        }
    }

    /// <summary>Reading number <paramref name="i"/> of a series.</summary>
    public static Reading Numbered(int i) =>
        new($"sensor-{i}", [i, i + 0.5], new DateTime(2026, 11, 29, 12, 0, i % 60, DateTimeKind.Utc), new Dictionary<string, int> { ["n"] = i });

    private static Reading Scaled(Reading reading, double factor) =>
        reading with { Sensor = reading.Sensor + "*", Values = [.. reading.Values.Select(v => v * factor)] };
}
