using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedValue"/>.</summary>
internal enum ValueMethod
{
    Get = 1,
    Set = 2,
}

/// <summary>Python's <c>Value</c> served by a manager (<c>ValueProxy.value</c>): one item encoding.</summary>
internal sealed class ServedValue(byte[] value) : ServedObject
{
    private byte[] _value = value;

    public override ManagedObjectKind Kind => ManagedObjectKind.Value;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        lock (this)
        {
            switch ((ValueMethod)method)
            {
                case ValueMethod.Get:
                    result.WriteUnmanagedArray(_value);
                    break;
                case ValueMethod.Set:
                    _value = CallContext.ReadItem(ref arguments);
                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }
}
