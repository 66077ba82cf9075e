using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedBarrier"/>.</summary>
internal enum BarrierMethod
{
    Wait = 1,
    Reset = 2,
    Abort = 3,
    Parties = 4,
    Waiting = 5,
    Broken = 6,
}

/// <summary>
/// Python's <c>threading.Barrier</c> served by a manager: a wait that times out breaks the barrier, and every
/// waiter of a broken barrier raises <see cref="BrokenBarrierException"/> (which reaches the client as a
/// <see cref="RemoteException"/> naming it; the proxy rethrows it as the local type).
/// </summary>
internal sealed class ServedBarrier(int parties) : ServedObject
{
    private int _waiting;
    private long _generation;
    private bool _broken;

    public override ManagedObjectKind Kind => ManagedObjectKind.Barrier;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        lock (this)
        {
            switch ((BarrierMethod)method)
            {
                case BarrierMethod.Wait:
                    result.WriteInt32(Wait(arguments.ReadInt32(), context));
                    break;
                case BarrierMethod.Reset:
                    if (_waiting > 0)
                    {
                        _broken = true;
                        _generation++;
                        _waiting = 0;
                    }

                    _broken = false;
                    Monitor.PulseAll(this);
                    break;
                case BarrierMethod.Abort:
                    _broken = true;
                    Monitor.PulseAll(this);
                    break;
                case BarrierMethod.Parties:
                    result.WriteInt32(parties);
                    break;
                case BarrierMethod.Waiting:
                    result.WriteInt32(_waiting);
                    break;
                case BarrierMethod.Broken:
                    result.WriteBoolean(_broken);
                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }

    private int Wait(int timeoutMs, CallContext context)
    {
        if (_broken)
        {
            throw new BrokenBarrierException();
        }

        int index = _waiting++;
        long generation = _generation;
        if (_waiting == parties)
        {
            _waiting = 0;
            _generation++;
            Monitor.PulseAll(this);
            return index;
        }

        bool passed;
        try
        {
            passed = context.Wait(this, () => _generation != generation || _broken, CallContext.Deadline(timeoutMs));
        }
        catch
        {
            Break();
            throw;
        }

        if (_generation != generation)
        {
            return index;
        }

        Break();
        throw passed ? new BrokenBarrierException() : ThrowHelper.CreateBarrierWaitTimedOutBarrierBroken();
    }

    private void Break()
    {
        _broken = true;
        _waiting = 0;
        Monitor.PulseAll(this);
    }
}
