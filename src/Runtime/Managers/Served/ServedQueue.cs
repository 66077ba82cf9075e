using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedQueue"/>.</summary>
internal enum QueueMethod
{
    Put = 1,
    Get = 2,
    Count = 3,
    TaskDone = 4,
    Join = 5,
    MaxSize = 6,
}

/// <summary>
/// A FIFO of item encodings with an optional bound: Python's <c>queue.Queue</c> served by <c>SyncManager.Queue()</c>,
/// and with <c>task_done</c>/<c>join</c> for <c>JoinableQueue()</c>. <c>Put</c> and <c>Get</c> answer a status byte
/// (0 done, 1 full or empty) so that the client raises the queue's own exceptions.
/// </summary>
internal sealed class ServedQueue(ManagedObjectKind kind, int maxSize) : ServedObject
{
    private readonly Queue<byte[]> _items = new();
    private int _unfinished;

    public override ManagedObjectKind Kind => kind;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        lock (this)
        {
            switch ((QueueMethod)method)
            {
                case QueueMethod.Put:
                    int putTimeout = arguments.ReadInt32();
                    byte[] item = CallContext.ReadItem(ref arguments);
                    if (!context.Wait(this, () => maxSize <= 0 || _items.Count < maxSize, CallContext.Deadline(putTimeout)))
                    {
                        result.WriteUnmanaged((byte)1);
                        break;
                    }

                    _items.Enqueue(item);
                    _unfinished++;
                    Monitor.PulseAll(this);
                    result.WriteUnmanaged((byte)0);
                    break;
                case QueueMethod.Get:
                    int getTimeout = arguments.ReadInt32();
                    if (!context.Wait(this, () => _items.Count > 0, CallContext.Deadline(getTimeout)))
                    {
                        result.WriteUnmanaged((byte)1);
                        break;
                    }

                    result.WriteUnmanaged((byte)0);
                    result.WriteUnmanagedArray(_items.Dequeue());
                    Monitor.PulseAll(this);
                    break;
                case QueueMethod.Count:
                    result.WriteInt32(_items.Count);
                    break;
                case QueueMethod.MaxSize:
                    result.WriteInt32(maxSize);
                    break;
                case QueueMethod.TaskDone when kind == ManagedObjectKind.JoinableQueue:
                    if (_unfinished <= 0)
                    {
                        ThrowHelper.ThrowTaskDoneCalledMoreTimesThanThere();
                    }

                    if (--_unfinished == 0)
                    {
                        Monitor.PulseAll(this);
                    }

                    break;
                case QueueMethod.Join when kind == ManagedObjectKind.JoinableQueue:
                    result.WriteBoolean(context.Wait(this, () => _unfinished == 0, CallContext.Deadline(arguments.ReadInt32())));
                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }
}
