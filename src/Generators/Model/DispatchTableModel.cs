using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Model;

/// <summary>Everything the dispatch table file is generated from.</summary>
/// <param name="TableNamespace">The namespace of the table class, <c>Multiproc.Generated.{SanitizedAssemblyName}</c>.</param>
/// <param name="Entries">The targets, sorted by name (ordinal).</param>
/// <param name="Registrations">The types whose serializers are registered, sorted by name (ordinal).</param>
/// <param name="ReferencedTables">The <c>global::</c> names of referenced assemblies' table classes, sorted.</param>
internal sealed record DispatchTableModel(
    string TableNamespace,
    EquatableArray<DispatchEntryModel> Entries,
    EquatableArray<TypeRefModel> Registrations,
    EquatableArray<string> ReferencedTables)
{
    /// <summary>True when this assembly has a table of its own.</summary>
    public bool HasOwnTable => Entries.Count > 0 || Registrations.Count > 0;
}
