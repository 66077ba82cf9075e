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
internal sealed record DispatchEntryModel(
    string Name,
    ulong Id,
    ulong SchemaHash,
    string ContainingType,
    string MethodName,
    EquatableArray<TypeRefModel> Parameters,
    TypeRefModel? Result,
    bool IsAwaitable);
