using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Model;

/// <summary>
/// One valid <c>[ProcessTarget]</c> method: immutable and structurally equal (strings, numbers and other
/// models only), otherwise incremental caching breaks.
/// </summary>
/// <param name="TableNamespace">The namespace of the assembly's generated plumbing (<c>Multiproc.Generated.X</c>).</param>
/// <param name="Namespace">The namespace of <c>Spawn</c>/<c>Targets</c>; empty for the global namespace.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="IsPublic">True when the method is effectively public; the generated members are then public, otherwise internal.</param>
/// <param name="Parameters">The parameters.</param>
/// <param name="ResultType">The declared result type (<c>global::</c>, annotations kept), or null when there is none.</param>
/// <param name="DocumentationId">The method's documentation-comment id (the dispatch key).</param>
/// <param name="Entry">The dispatch table entry.</param>
/// <param name="Serializers">Serializers of every type reachable from the signature.</param>
/// <param name="Types">Every type reachable from the signature (payloads of self-serializing types included), for registration.</param>
internal sealed record ProcessTargetModel(
    string TableNamespace,
    string Namespace,
    string HintName,
    bool IsPublic,
    EquatableArray<ParameterModel> Parameters,
    string? ResultType,
    string DocumentationId,
    DispatchEntryModel Entry,
    EquatableArray<SerializerModel> Serializers,
    EquatableArray<TypeRefModel> Types)
{
    /// <summary>
    /// True when some target of the same namespace is public: the <c>Spawn</c>/<c>Targets</c> classes are then
    /// public, otherwise internal (so that a program with only internal targets exports no empty public
    /// classes that would clash, CS0436, with those of a program or test project referencing it). Set once
    /// all targets are known; every part of the partial classes agrees.
    /// </summary>
    public bool ClassesArePublic { get; init; }

    /// <summary>The method name, which is also the generated member name.</summary>
    public string MethodName => Entry.MethodName;
}
