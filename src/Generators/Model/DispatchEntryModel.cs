using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Model;

/// <summary>What the dispatch table needs to register one target's invoker.</summary>
/// <param name="Name">The display name, <c>Namespace.Type.Method</c>; the sort key.</param>
/// <param name="Id">FNV-1a of the documentation-comment id.</param>
/// <param name="SchemaHash">FNV-1a of the canonical parameter/result shape text.</param>
/// <param name="ContainingType">The <c>global::</c> name of the declaring type.</param>
/// <param name="MethodName">The method name, escaped if it is a keyword.</param>
/// <param name="Parameters">Parameter codecs, in order.</param>
/// <param name="Result">The result codec, or null when there is no result.</param>
/// <param name="IsAwaitable">True when the method returns a task the child waits for.</param>
/// <param name="AccessorTarget">
/// For a private or protected target (or one in such a type), the assembly-qualified runtime name of its
/// type (<c>Demo.Program+Inner, App</c>): the table calls it through an <c>[UnsafeAccessor]</c> extern method
/// naming that type; null when the table calls it directly.
/// </param>
/// <param name="ReturnType">The declared return type as written in a signature (<c>void</c>, <c>global::…Task&lt;int&gt;</c>), for the accessor.</param>
internal sealed record DispatchEntryModel(
    string Name,
    ulong Id,
    ulong SchemaHash,
    string ContainingType,
    string MethodName,
    EquatableArray<TypeRefModel> Parameters,
    TypeRefModel? Result,
    bool IsAwaitable,
    string? AccessorTarget,
    string ReturnType);
