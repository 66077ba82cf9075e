using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Shared;

/// <summary>
/// The runtime APIs other than process targets through which values cross a process boundary: typed
/// connection messages, queue items, the values held by manager proxies. For each closed use of one (<c>conn.Send(job)</c>,
/// <c>conn.Recv&lt;Job&gt;()</c>, <c>new ProcessQueue&lt;Job&gt;()</c>, a <c>ProcessQueue&lt;Job&gt;</c>
/// field) the generator emits and registers the serializer of the crossing type, and MP0002 reports it, with
/// the member path, when it cannot cross. Shared by the generator and the analyzers, so the two agree.
/// <para>
/// Extension point: an API that serializes a type argument with <c>WireSerializer&lt;T&gt;.Default</c> (the
/// manager proxies, say) is covered by adding its row to <see cref="All"/>: a generic method (by declaring
/// type and name) or a generic type (every closed use of it). Nothing else changes.
/// </para>
/// <para>
/// Pool items and results need no row: <c>Pool.Map</c> and its relatives, <c>Process.Create</c> and
/// <c>PoolInitializer.Create</c> take a <c>ProcessTarget&lt;TArgs, TResult&gt;</c> descriptor whose types are
/// the target's own signature, which the target's serializers already cover.
/// </para>
/// </summary>
internal static class ProcessBoundary
{
    private const string Item = "The item type of '{0}'";

    /// <summary>Every API whose type argument crosses a process boundary.</summary>
    public static readonly IReadOnlyList<BoundaryApi> All =
    [
        new("Multiproc.Connection", "Send", 0, "The value sent by '{0}'"),
        new("Multiproc.Connection", "SendAsync", 0, "The value sent by '{0}'"),
        new("Multiproc.Connection", "Recv", 0, "The value received by '{0}'"),
        new("Multiproc.Connection", "RecvAsync", 0, "The value received by '{0}'"),
        new("Multiproc.Multiprocessing", "Queue", 0, Item),
        new("Multiproc.Multiprocessing", "JoinableQueue", 0, Item),
        new("Multiproc.Multiprocessing", "SimpleQueue", 0, Item),
        new("Multiproc.ProcessQueue`1", null, 0, Item),
        new("Multiproc.JoinableProcessQueue`1", null, 0, Item),
        new("Multiproc.SimpleProcessQueue`1", null, 0, Item),
        new("Multiproc.SyncManager", "List", 0, "The item type of '{0}'"),
        new("Multiproc.SyncManager", "Dict", 0, "The key type of '{0}'"),
        new("Multiproc.SyncManager", "Dict", 1, "The value type of '{0}'"),
        new("Multiproc.SyncManager", "Queue", 0, "The item type of '{0}'"),
        new("Multiproc.SyncManager", "JoinableQueue", 0, "The item type of '{0}'"),
        new("Multiproc.SyncManager", "Value", 0, "The value type of '{0}'"),
        new("Multiproc.SyncManager", "Array", 0, "The item type of '{0}'"),
        new("Multiproc.ListProxy`1", null, 0, "The item type of manager proxy '{0}'"),
        new("Multiproc.DictProxy`2", null, 0, "The key type of manager proxy '{0}'"),
        new("Multiproc.DictProxy`2", null, 1, "The value type of manager proxy '{0}'"),
        new("Multiproc.QueueProxy`1", null, 0, "The item type of manager proxy '{0}'"),
        new("Multiproc.JoinableQueueProxy`1", null, 0, "The item type of manager proxy '{0}'"),
        new("Multiproc.ValueProxy`1", null, 0, "The value type of manager proxy '{0}'"),
        new("Multiproc.ArrayProxy`1", null, 0, "The item type of manager proxy '{0}'"),
        new("Multiproc.NamespaceProxy", "Set", 0, "The value stored by '{0}'"),
        new("Multiproc.NamespaceProxy", "Get", 0, "The value read by '{0}'"),
        new("Multiproc.NamespaceProxy", "TryGet", 0, "The value read by '{0}'"),
    ];

    private static readonly HashSet<string> s_names = new(All.Select(static a => a.MemberName ?? SimpleName(a.ContainingType)), System.StringComparer.Ordinal);

    private static readonly SymbolDisplayFormat s_display = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>Whether a method or type name is one of the APIs' (a cheap syntactic filter before binding).</summary>
    /// <param name="name">The identifier as written.</param>
    /// <returns>True when a use of that name may cross.</returns>
    public static bool IsCandidateName(string name) => s_names.Contains(name);

    /// <summary>
    /// The types that cross at a use of <paramref name="symbol"/> (a closed generic method or type; a dictionary
    /// has two), each with how MP0002 names it and which type argument it is; empty when the symbol is no
    /// boundary API, or is still open (a type parameter of the enclosing code: the closed uses are elsewhere).
    /// </summary>
    /// <param name="symbol">The bound method or type.</param>
    /// <returns>The crossing types, their role texts and type-argument positions.</returns>
    public static List<(ITypeSymbol Type, string Role, int TypeArgument)> FindCrossings(ISymbol? symbol)
    {
        var crossings = new List<(ITypeSymbol Type, string Role, int TypeArgument)>();
        foreach (BoundaryApi api in All)
        {
            ITypeSymbol? type = symbol switch
            {
                IMethodSymbol method when api.MemberName is not null && method.Name == api.MemberName
                    && method.IsGenericMethod && method.TypeArguments.Length > api.TypeArgument
                    && method.ContainingType?.OriginalDefinition.ToDisplayString() == FullName(api.ContainingType) =>
                    method.TypeArguments[api.TypeArgument],
                INamedTypeSymbol named when api.MemberName is null && named.IsGenericType && !named.IsUnboundGenericType
                    && named.TypeArguments.Length > api.TypeArgument
                    && MetadataName(named.OriginalDefinition) == api.ContainingType =>
                    named.TypeArguments[api.TypeArgument],
                _ => null,
            };
            if (type is not null && !IsOpen(type))
            {
                crossings.Add((type, string.Format(System.Globalization.CultureInfo.InvariantCulture, api.Role, symbol!.ToDisplayString(s_display)), api.TypeArgument));
            }
        }

        return crossings;
    }

    private static bool IsOpen(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.TypeParameter or TypeKind.Error } => true,
        IArrayTypeSymbol array => IsOpen(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(IsOpen) || (named.ContainingType is { } outer && IsOpen(outer)),
        _ => false,
    };

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

    private static string SimpleName(string metadataName)
    {
        string name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }

    private static string FullName(string metadataName)
    {
        int tick = metadataName.IndexOf('`');
        return tick < 0 ? metadataName : metadataName.Substring(0, tick);
    }
}
