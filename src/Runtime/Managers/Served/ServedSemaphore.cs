using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedSemaphore"/>.</summary>
internal enum SemaphoreMethod
{
    Acquire = 1,
    Release = 2,
    Value = 3,
}

/// <summary>Python's <c>threading.Semaphore</c> and <c>BoundedSemaphore</c> served by a manager.</summary>
internal sealed class ServedSemaphore(ManagedObjectKind kind, int value) : ServedObject
{
    private readonly int _initial = value;
    private int _value = value;

    public override ManagedObjectKind Kind => kind;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        lock (this)
        {
            switch ((SemaphoreMethod)method)
            {
                case SemaphoreMethod.Acquire:
                    bool acquired = context.Wait(this, () => _value > 0, CallContext.Deadline(arguments.ReadInt32()));
                    if (acquired)
                    {
                        _value--;
                    }

                    result.WriteBoolean(acquired);
                    break;
                case SemaphoreMethod.Release:
                    int n = arguments.ReadInt32();
                    if (n < 1)
                    {
                        ThrowHelper.ThrowNMustOneMore(nameof(n), n);
                    }

                    if (kind == ManagedObjectKind.BoundedSemaphore && (long)_value + n > _initial)
                    {
                        ThrowHelper.ThrowSemaphoreReleasedTooManyTimes();
                    }

                    _value += n;
                    Monitor.PulseAll(this);
                    break;
                case SemaphoreMethod.Value:
                    result.WriteInt32(_value);
                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }
}
