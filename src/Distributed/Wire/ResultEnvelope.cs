using Multiproc.Serialization;

namespace Multiproc.Distributed.Wire;

/// <summary>
/// The outcome of one task (every item of it) as a worker publishes it for the caller. The caller keys it by
/// job and chunk, so a task that ran twice (its first worker died after publishing) is delivered once.
/// </summary>
internal sealed class ResultEnvelope
{
    /// <summary>The first byte of every result message.</summary>
    public const byte Version = 1;

    public required Guid JobId { get; init; }

    public required int Chunk { get; init; }

    public required int FirstItem { get; init; }

    /// <summary>Each item's outcome and payload, in item order.</summary>
    public required (OutcomeKind Kind, ReadOnlyMemory<byte> Payload)[] Items { get; init; }

    /// <summary>Encodes a result message.</summary>
    public static byte[] Encode(Guid jobId, int chunk, int firstItem, IReadOnlyList<(OutcomeKind Kind, byte[] Payload)> items)
    {
        int size = 32 + items.Sum(static i => i.Payload.Length + 5);
        var writer = new WireWriter(size);
        try
        {
            writer.WriteUnmanaged(Version);
            writer.WriteUnmanaged(jobId);
            writer.WriteInt32(chunk);
            writer.WriteInt32(firstItem);
            writer.WriteInt32(items.Count);
            foreach ((OutcomeKind kind, byte[] payload) in items)
            {
                writer.WriteUnmanaged((byte)kind);
                writer.WriteInt32(payload.Length);
                writer.WriteRaw(payload);
            }

            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Decodes a result message; throws <see cref="WireFormatException"/> naming what is wrong.</summary>
    public static ResultEnvelope Decode(ReadOnlyMemory<byte> body)
    {
        try
        {
            var reader = new WireReader(body.Span);
            byte version = reader.ReadUnmanaged<byte>();
            if (version != Version)
            {
                throw new WireFormatException($"result message version {version}; this build reads version {Version}");
            }

            Guid jobId = reader.ReadUnmanaged<Guid>();
            int chunk = reader.ReadInt32();
            int firstItem = reader.ReadInt32();
            int count = reader.ReadInt32();
            if (count < 0 || count > reader.Remaining / 5)
            {
                throw new WireFormatException($"result message with {count} items in {body.Length} bytes");
            }

            var items = new (OutcomeKind, ReadOnlyMemory<byte>)[count];
            for (int i = 0; i < count; i++)
            {
                var kind = (OutcomeKind)reader.ReadUnmanaged<byte>();
                int length = reader.ReadInt32();
                if (length < 0 || length > reader.Remaining)
                {
                    throw new WireFormatException($"result item {i} claims {length} bytes; {reader.Remaining} remain");
                }

                items[i] = (kind, body.Slice(reader.Consumed, length));
                reader.ReadRaw(length);
            }

            reader.EnsureFullyConsumed();
            return new ResultEnvelope { JobId = jobId, Chunk = chunk, FirstItem = firstItem, Items = items };
        }
        catch (WireFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WireFormatException($"malformed result message ({body.Length} bytes): {e.Message}", e);
        }
    }

    /// <summary>The payload of a <see cref="OutcomeKind.Threw"/> item: the exception's type name, message and full text.</summary>
    public static byte[] EncodeThrew(string typeName, string message, string text) => EncodeStrings(typeName, message, text);

    /// <summary>The payload of a <see cref="OutcomeKind.Failed"/> item.</summary>
    public static byte[] EncodeFailed(DistributedTaskFailure failure, string message)
    {
        var writer = new WireWriter(64 + (message.Length * 3));
        try
        {
            writer.WriteUnmanaged((byte)failure);
            writer.WriteString(message);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The payload of a <see cref="OutcomeKind.TimedOut"/> item.</summary>
    public static byte[] EncodeTimedOut(string message) => EncodeStrings(message);

    /// <summary>The exception an item that did not return stands for.</summary>
    public static Exception ToException(OutcomeKind kind, ReadOnlySpan<byte> payload, string targetName)
    {
        try
        {
            var reader = new WireReader(payload);
            Exception error = kind switch
            {
                OutcomeKind.Threw => new RemoteException(reader.ReadString() ?? "?", reader.ReadString() ?? "", reader.ReadString() ?? ""),
                OutcomeKind.Failed => new DistributedTaskException((DistributedTaskFailure)reader.ReadUnmanaged<byte>(), reader.ReadString() ?? ""),
                OutcomeKind.TimedOut => new TimeoutException(reader.ReadString()),
                _ => new WireFormatException($"a worker reported outcome {(byte)kind} for {targetName}, which this build does not know"),
            };
            reader.EnsureFullyConsumed();
            return error;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new WireFormatException($"the outcome a worker reported for {targetName} could not be decoded: {e.Message}", e);
        }
    }

    private static byte[] EncodeStrings(params string[] values)
    {
        var writer = new WireWriter(64 + values.Sum(static v => v.Length * 3));
        try
        {
            foreach (string value in values)
            {
                writer.WriteString(value);
            }

            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
