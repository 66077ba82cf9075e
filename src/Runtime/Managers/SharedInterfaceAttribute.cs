namespace Multiproc;

/// <summary>
/// Marks an interface whose implementations a manager can serve to other processes: the source generator emits a
/// proxy (which implements the interface by calling the manager) and a server dispatcher, with method ids instead of
/// names on the wire and no reflection. Python's <c>BaseManager.register(typeid, callable, exposed=…)</c> with an
/// explicit proxy type; a method that returns another <c>[SharedInterface]</c> returns a proxy, as Python's
/// <c>method_to_typeid</c>. Register an implementation with <see cref="BaseManager.RegisterShared{TInterface}"/>.
/// </summary>
/// <remarks>
/// Members may be methods (synchronous, or returning <see cref="Task"/>/<see cref="Task{TResult}"/>/<see cref="ValueTask"/>/<see cref="ValueTask{TResult}"/>
/// with an optional last <see cref="CancellationToken"/>) and properties. Parameter and return types must be
/// serializable; a method may return another shared interface. Events, generic methods, <c>ref</c>/<c>out</c>/<c>in</c>
/// parameters and indexers cannot be proxied (analyzer rules MP0090 and MP0091 say which member and why). The served
/// object is called from several server threads at once: make it thread-safe.
/// </remarks>
[AttributeUsage(AttributeTargets.Interface, Inherited = false)]
public sealed class SharedInterfaceAttribute : Attribute
{
}
