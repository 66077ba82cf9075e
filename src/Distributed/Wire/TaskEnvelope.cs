using Multiproc.Serialization;

namespace Multiproc.Distributed.Wire;

/// <summary>
/// One queued task as it travels from a caller to a worker: which target, which caller and job it belongs
/// to, until when it may run, and the already-encoded arguments of its items (one for an apply, a chunk for a
/// map). Read with bounds checks: a malformed message is a <see cref="WireFormatException"/>, never a crash.
/// </summary>
internal sealed class TaskEnvelope
{
    /// <summary>The first byte of every task message; another value is another format.</summary>
    public const byte Version = 1;

    public required ulong TargetId { get; init; }

    public required ulong SchemaHash { get; init; }

    public required string TargetName { get; init; }

    public required Guid JobId { get; init; }

    /// <summary>The chunk's number within its job (the de-duplication key with <see cref="JobId"/>).</summary>
    public required int Chunk { get; init; }

    /// <summary>The job's index of the chunk's first item.</summary>
    public required int FirstItem { get; init; }

    /// <summary>Where the result goes.</summary>
    public required string CallerId { get; init; }

    /// <summary>When the task stops being runnable (Unix milliseconds).</summary>
    public required long ExpiresAtMs { get; init; }

    /// <summary>How long one item may run, in milliseconds; 0 for no limit.</summary>
    public required long TimeoutMs { get; init; }

    /// <summary>Each item's encoded arguments.</summary>
    public required IReadOnlyList<ReadOnlyMemory<byte>> Items { get; init; }

    /// <summary>The task's id: job and chunk, unique per task and the same on every retry of its publish.</summary>
    public string TaskId => TaskIdOf(JobId, Chunk);

    public static string TaskIdOf(Guid jobId, int chunk) => $"{jobId:N}.{chunk}";

    /// <summary>Encodes the header followed by the encoded arguments of <paramref name="items"/>.</summary>
    public static byte[] Encode<TArgs>(ProcessTargetInfo target, Guid jobId, int chunk, int firstItem, string callerId, long expiresAtMs, long timeoutMs, WireWrite<TArgs> write, IReadOnlyList<TArgs> items)
    {
        var writer = new WireWriter(256 + (items.Count * 16));
        var item = new WireWriter(64);
        try
        {
            writer.WriteUnmanaged(Version);
            writer.WriteUInt64(target.Id);
            writer.WriteUInt64(target.SchemaHash);
            writer.WriteString(target.Name);
            writer.WriteUnmanaged(jobId);
            writer.WriteInt32(chunk);
            writer.WriteInt32(firstItem);
            writer.WriteString(callerId);
            writer.WriteInt64(expiresAtMs);
            writer.WriteInt64(timeoutMs);
            writer.WriteInt32(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                item.Reset();
                TArgs arguments = items[i];
                try
                {
                    write(ref item, arguments);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new ArgumentException($"Argument {firstItem + i} ({arguments}) could not be encoded for {target.Name}: {e.Message}", nameof(items), e);
                }

                writer.WriteInt32(item.WrittenCount);
                writer.WriteRaw(item.WrittenSpan);
            }

            return writer.ToArray();
        }
        finally
        {
            item.Dispose();
            writer.Dispose();
        }
    }

    /// <summary>Decodes a task message; throws <see cref="WireFormatException"/> naming what is wrong.</summary>
    public static TaskEnvelope Decode(ReadOnlyMemory<byte> body)
    {
        try
        {
            var reader = new WireReader(body.Span);
            byte version = reader.ReadUnmanaged<byte>();
            if (version != Version)
            {
                throw new WireFormatException($"task message version {version}; this build reads version {Version}");
            }

            ulong id = reader.ReadUInt64();
            ulong schema = reader.ReadUInt64();
            string name = reader.ReadString() ?? throw new WireFormatException("task message without a target name");
            Guid jobId = reader.ReadUnmanaged<Guid>();
            int chunk = reader.ReadInt32();
            int firstItem = reader.ReadInt32();
            string callerId = reader.ReadString() ?? throw new WireFormatException("task message without a caller id");
            long expires = reader.ReadInt64();
            long timeout = reader.ReadInt64();
            int count = reader.ReadInt32();
            if (count < 1 || count > reader.Remaining / 4 || chunk < 0 || firstItem < 0 || timeout < 0)
            {
                throw new WireFormatException($"task message with {count} items, chunk {chunk}, first item {firstItem}, timeout {timeout} in {body.Length} bytes");
            }

            var items = new ReadOnlyMemory<byte>[count];
            for (int i = 0; i < count; i++)
            {
                int length = reader.ReadInt32();
                if (length < 0 || length > reader.Remaining)
                {
                    throw new WireFormatException($"item {i} claims {length} bytes; {reader.Remaining} remain");
                }

                items[i] = body.Slice(reader.Consumed, length);
                reader.ReadRaw(length);
            }

            reader.EnsureFullyConsumed();
            return new TaskEnvelope
            {
                TargetId = id,
                SchemaHash = schema,
                TargetName = name,
                JobId = jobId,
                Chunk = chunk,
                FirstItem = firstItem,
                CallerId = callerId,
                ExpiresAtMs = expires,
                TimeoutMs = timeout,
                Items = items,
            };
        }
        catch (WireFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WireFormatException($"malformed task message ({body.Length} bytes): {e.Message}", e);
        }
    }
}
