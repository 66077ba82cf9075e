using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedEvent"/>.</summary>
internal enum EventMethod
{
    Set = 1,
    Clear = 2,
    IsSet = 3,
    Wait = 4,
}

/// <summary>Python's <c>threading.Event</c> served by a manager.</summary>
internal sealed class ServedEvent : ServedObject
{
    private bool _flag;

    public override ManagedObjectKind Kind => ManagedObjectKind.Event;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        lock (this)
        {
            switch ((EventMethod)method)
            {
                case EventMethod.Set:
                    _flag = true;
                    Monitor.PulseAll(this);
                    break;
                case EventMethod.Clear:
                    _flag = false;
                    break;
                case EventMethod.IsSet:
                    result.WriteBoolean(_flag);
                    break;
                case EventMethod.Wait:
                    result.WriteBoolean(context.Wait(this, () => _flag, CallContext.Deadline(arguments.ReadInt32())));
                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }
}
