using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>An object implementing a shared interface, called through its generated dispatcher.</summary>
internal sealed class ServedCustom(object target, SharedInterfaceInfo info) : ServedObject
{
    public override ManagedObjectKind Kind => ManagedObjectKind.Custom;

    public SharedInterfaceInfo Info => info;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context) =>
        info.Invoker(target, method, ref arguments, ref result, new SharedCallContext(context));
}
