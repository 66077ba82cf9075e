using Multiproc.Hosting;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc.Pools;

/// <summary>
/// The child side of a pool worker: a runtime-internal target that every program built on Multiproc has
/// (registered by <see cref="TargetRegistry"/>), so a pool needs nothing from the generator beyond the
/// user's targets. It runs the initializer, then loops: read task frames, run each item through the
/// dispatch table, batch the results, write them back. End of stream on the task channel means "exit".
/// </summary>
internal static class WorkerHost
{
    /// <summary>The worker target's id ("MPPOOLW" + version); never a hash of a user method.</summary>
    public const ulong TargetId = 0x4D50_504F_4F4C_5701;

    /// <summary>Results are sent when this many bytes are pending …</summary>
    private const int FlushBytes = 256 * 1024;

    /// <summary>
    /// … or when the millisecond tick has moved since the oldest pending result (the coarse clock costs a
    /// few nanoseconds per item, a precise one twenty), so slow items stream their results.
    /// </summary>
    private const long FlushAfterTicks = 1;

    /// <summary>The descriptor the parent starts workers with.</summary>
    public static readonly ProcessTarget<WorkerStart, ValueTuple> Target = new(TargetId, 0, "Multiproc.Pool.Worker", WriteStart, static (ref WireReader _) => default);

    /// <summary>Adds the worker target to the dispatch table.</summary>
    public static void Register() => TargetRegistry.RegisterInternal(TargetId, Target.Name, Invoke);

    private static void WriteStart(ref WireWriter writer, WorkerStart start)
    {
        writer.WriteInt32(FdTransfer.AddOutgoing(start.TaskFd));
        writer.WriteInt32(FdTransfer.AddOutgoing(start.ProgressFd));
        PoolInitializer? init = start.Initializer;
        writer.WriteBoolean(init is not null);
        if (init is not null)
        {
            writer.WriteUInt64(init.Target.Id);
            writer.WriteUInt64(init.Target.SchemaHash);
            writer.WriteString(init.Target.Name);
            var args = new WireWriter();
            try
            {
                init.WriteArguments(ref args);
                writer.WriteUnmanagedSpan(args.WrittenSpan);
            }
            finally
            {
                args.Dispose();
            }
        }
    }

    private static void Invoke(ref WireReader arguments, ref WireWriter result)
    {
        int taskFd = FdTransfer.TakeIncoming(arguments.ReadInt32());
        int progressFd = FdTransfer.TakeIncoming(arguments.ReadInt32());
        using WorkerProgress progress = WorkerProgress.Map(progressFd);
        Interop.Libc.Close(progressFd);
        var channel = new WorkerChannel(taskFd);
        if (arguments.ReadBoolean())
        {
            ulong id = arguments.ReadUInt64();
            ulong schema = arguments.ReadUInt64();
            string name = arguments.ReadString() ?? "?";
            byte[] initArgs = arguments.ReadUnmanagedArray<byte>() ?? [];
            try
            {
                RunInitializer(id, schema, name, initArgs);
            }
            catch (Exception e)
            {
                channel.SendMessage(WorkerMessage.InitializerFailed, EncodeException(e));
                return;
            }
        }

        // Task arguments are decoded outside the start-up scope: handles travel only as process arguments.
        default(FdTransfer.IncomingScope).Dispose();
        channel.SendMessage(WorkerMessage.Ready, default);
        RunLoop(channel, progress);
    }

    private static void RunInitializer(ulong id, ulong schema, string name, byte[] initArgs)
    {
        TargetEntry entry = Lookup(id, schema, name);
        var reader = new WireReader(initArgs);
        var ignored = new WireWriter();
        try
        {
            entry.Invoker(ref reader, ref ignored);
        }
        finally
        {
            ignored.Dispose();
        }
    }

    private static TargetEntry Lookup(ulong id, ulong schema, string name) =>
        TargetRegistry.Resolve(id, schema, name, out string? problem) ?? throw new InvalidOperationException(problem);

    private static void RunLoop(WorkerChannel channel, WorkerProgress progress)
    {
        var output = new ResultBatch();
        var itemResult = new WireWriter(256);
        long started = 0;
        ulong lastId = 0;
        TargetEntry? entry = null;
        try
        {
            while (true)
            {
                if (!channel.TryTakeFrame(out WorkerMessage kind, out ReadOnlyMemory<byte> frame))
                {
                    // Nothing buffered: hand over what we have before blocking for more work.
                    if (output.Count > 0 && !channel.Send(output.Seal()))
                    {
                        return;
                    }

                    if (!channel.ReceiveMore())
                    {
                        return;
                    }

                    continue;
                }

                if (!TaskFrame.TryDecode(kind, frame.Span, out TaskFrame task))
                {
                    if (kind == WorkerMessage.Task)
                    {
                        ThrowHelper.ThrowMalformedTaskFrameBytesPoolWorker(frame.Length);
                    }

                    ThrowHelper.ThrowUnexpectedMessagePoolWorkerTaskChannel(kind);
                }

                ulong id = task.TargetId;
                Exception? lookupFailure = null;
                if (entry is null || id != lastId)
                {
                    try
                    {
                        entry = Lookup(id, task.SchemaHash, $"0x{id:X16}");
                        lastId = id;
                    }
                    catch (InvalidOperationException e)
                    {
                        entry = null;
                        lookupFailure = e;
                    }
                }

                foreach (ReadOnlySpan<byte> args in task)
                {
                    progress.Started = ++started;
                    bool retire = false;
                    if (lookupFailure is not null)
                    {
                        output.Add(ItemStatus.Threw, EncodeException(lookupFailure));
                    }
                    else
                    {
                        itemResult.Reset();
                        try
                        {
                            var reader = new WireReader(args);
                            entry!.Invoker(ref reader, ref itemResult);
                            output.Add(ItemStatus.Returned, itemResult.WrittenSpan);
                        }
                        catch (Exception e)
                        {
                            output.Add(ItemStatus.Threw, EncodeException(e));

                            // A worker that ran out of memory may be left with a limit or a fragmented heap:
                            // recycle it (the parent re-queues anything it still held).
                            retire = e is OutOfMemoryException;
                        }
                    }

                    progress.Finished = started;
                    if (retire || output.Length >= FlushBytes || Environment.TickCount64 - output.OldestTick >= FlushAfterTicks)
                    {
                        if (!channel.Send(output.Seal()) || retire)
                        {
                            return;
                        }
                    }
                }
            }
        }
        finally
        {
            itemResult.Dispose();
            channel.Dispose();
        }
    }

    /// <summary>Encodes an exception; one whose text cannot be produced is described instead of lost.</summary>
    internal static byte[] EncodeException(Exception exception)
    {
        try
        {
            return ChildOutcome.EncodeException(exception);
        }
        catch (Exception e)
        {
            return ChildOutcome.EncodeException(ThrowHelper.CreateTaskThrewCouldNotDescribedParent(exception.GetType().FullName, e.GetType().Name, e.Message));
        }
    }
}
