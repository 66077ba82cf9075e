using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Managers;

/// <summary>A <c>[SharedInterface]</c> the generator emits a proxy and a dispatcher for (value-equatable, no symbols).</summary>
/// <param name="Namespace">The namespace, empty for the global one.</param>
/// <param name="FullName">The <c>global::</c>-qualified name.</param>
/// <param name="DisplayName">The name in messages (<c>Namespace.IName</c>).</param>
/// <param name="HintName">The generated file's base name.</param>
/// <param name="InterfaceId">A hash of the name and the member signatures: a client of another shape is refused.</param>
/// <param name="Members">The members the proxy implements.</param>
internal sealed record SharedInterfaceModel(
    string Namespace,
    string FullName,
    string DisplayName,
    string HintName,
    ulong InterfaceId,
    EquatableArray<SharedMemberModel> Members);

/// <summary>How a shared member's value comes back.</summary>
internal enum SharedResultKind
{
    /// <summary>Nothing.</summary>
    Void,

    /// <summary>A copy.</summary>
    Value,

    /// <summary>A proxy for another shared object.</summary>
    Shared,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c> of a copy.</summary>
    TaskOfValue,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c> of a copy.</summary>
    ValueTaskOfValue,
}

/// <summary>One proxied member.</summary>
/// <param name="IsProperty">A property (else a method).</param>
/// <param name="Name">The member name.</param>
/// <param name="DeclaringInterface">The <c>global::</c> name of the interface that declares it (for the explicit implementation).</param>
/// <param name="Type">The return or property type as written in the signature.</param>
/// <param name="Result">How the value comes back.</param>
/// <param name="ValueType">The type that travels back (the <c>T</c> of <c>Task&lt;T&gt;</c>, the property type…), or null.</param>
/// <param name="MethodId">The method's (or getter's) id.</param>
/// <param name="SetterId">The setter's id, or 0 when there is none.</param>
/// <param name="HasGetter">A property with a getter.</param>
/// <param name="Parameters">The parameters (a last <c>CancellationToken</c> included).</param>
/// <param name="HasCancellationToken">The last parameter is a <c>CancellationToken</c>.</param>
internal sealed record SharedMemberModel(
    bool IsProperty,
    string Name,
    string DeclaringInterface,
    string Type,
    SharedResultKind Result,
    string? ValueType,
    int MethodId,
    int SetterId,
    bool HasGetter,
    EquatableArray<SharedParameterModel> Parameters,
    bool HasCancellationToken);

/// <summary>One parameter of a proxied method.</summary>
/// <param name="Name">The name (escaped).</param>
/// <param name="Type">The <c>global::</c> type name.</param>
internal sealed record SharedParameterModel(string Name, string Type);
