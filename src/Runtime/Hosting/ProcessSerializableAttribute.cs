namespace Multiproc;

/// <summary>
/// Marks a class, record or struct whose values may cross a process boundary. The source generator
/// emits a serializer for it covering its public fields and settable (or init-only) properties, or the
/// parameters of its primary constructor. Python pickles any object; here only what you mark travels.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class ProcessSerializableAttribute : Attribute
{
}
