namespace Multiproc;

/// <summary>
/// Marks a static method as a process target: something a child process can run by name. The Multiproc
/// source generator emits, for each marked method, a typed starter <c>Spawn.&lt;Method&gt;(args…, options)</c>,
/// a descriptor <c>Targets.&lt;Method&gt;</c> for pools, an entry in the dispatch table and serializers for
/// its parameter and return types. Mirrors the <c>target=</c> argument of Python's
/// <c>multiprocessing.Process</c>, without pickling a function reference.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ProcessTargetAttribute : Attribute
{
}
