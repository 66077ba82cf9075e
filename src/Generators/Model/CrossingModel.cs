using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Model;

/// <summary>
/// A serializable type that crosses a process boundary at one use of a runtime API other than a target
/// (<c>Connection.Send&lt;T&gt;</c>, <c>ProcessQueue&lt;T&gt;</c>…; see <c>ProcessBoundary</c>).
/// </summary>
/// <param name="Serializers">Serializers of every type reachable from it.</param>
/// <param name="Types">Every type reachable from it, for registration.</param>
internal sealed record CrossingModel(EquatableArray<SerializerModel> Serializers, EquatableArray<TypeRefModel> Types);
