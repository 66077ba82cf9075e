namespace Multiproc.Generators.Infrastructure;

/// <summary>Names of the incremental steps, asserted by the incrementality tests.</summary>
internal static class TrackingNames
{
    /// <summary>One model per valid <c>[ProcessTarget]</c> method.</summary>
    public const string Targets = nameof(Targets);

    /// <summary>The targets that get a <c>Spawn</c>/<c>Targets</c> member (duplicate names removed), sorted.</summary>
    public const string UniqueTargets = nameof(UniqueTargets);

    /// <summary>One placeholder model per skipped (invalid) <c>[ProcessTarget]</c> method.</summary>
    public const string InvalidTargets = nameof(InvalidTargets);

    /// <summary>The error-obsolete <c>Spawn</c>/<c>Targets</c> members of skipped targets and clashing names.</summary>
    public const string Placeholders = nameof(Placeholders);

    /// <summary>Namespaces where a user type is named <c>Spawn</c> or <c>Targets</c>: no generated classes there.</summary>
    public const string TakenNamespaces = nameof(TakenNamespaces);

    /// <summary>Serializer models of each <c>[ProcessSerializable]</c> type.</summary>
    public const string SerializableTypes = nameof(SerializableTypes);

    /// <summary>One model per use of a boundary API other than a target (<c>Connection.Send&lt;T&gt;</c>, queues…).</summary>
    public const string Crossings = nameof(Crossings);

    /// <summary>The crossing types of all boundary API uses, merged.</summary>
    public const string CrossingTypes = nameof(CrossingTypes);

    /// <summary>All serializer models, distinct and sorted.</summary>
    public const string Serializers = nameof(Serializers);

    /// <summary>Tables of referenced assemblies.</summary>
    public const string ReferencedTables = nameof(ReferencedTables);

    /// <summary>The dispatch table model.</summary>
    public const string DispatchTable = nameof(DispatchTable);
}
