using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Shared;

/// <content>Which types can cross a process boundary, how each is encoded, and the path to what cannot.</content>
internal static partial class ProcessTargetRules
{
    private static readonly SymbolDisplayFormat s_pathFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>
    /// Decides whether values of <paramref name="type"/> can cross a process boundary and, if not, says where
    /// the problem is.
    /// </summary>
    /// <param name="type">A parameter, result, element or member type.</param>
    /// <param name="compilation">The compilation generated code will live in (accessibility, well-known types).</param>
    /// <returns>
    /// <see langword="null"/> when serializable; otherwise the path to the offending type: the outer type's
    /// display name, then <c> → </c> and <c>Owner.Member: MemberType</c> for each member step (collection,
    /// nullable and tuple elements add no step of their own), e.g. <c>Job → Job.Payload: object</c>,
    /// <c>List&lt;Job&gt; → Job.Payload: object</c>. When the offender is an element rather than a member,
    /// the path ends with its display name (<c>List&lt;object&gt; → object</c>); when the outer type itself is
    /// the offender, the path is just its name (<c>object</c>).
    /// </returns>
    public static string? FindNonSerializable(ITypeSymbol type, Compilation compilation) =>
        FindNonSerializable(type, compilation, out _);

    /// <summary>As <see cref="FindNonSerializable(ITypeSymbol, Compilation)"/>, also giving the offending type itself.</summary>
    /// <param name="type">A parameter, result, element or member type.</param>
    /// <param name="compilation">The compilation generated code will live in.</param>
    /// <param name="offender">The type at the end of the path, which cannot be serialized; null when serializable.</param>
    /// <returns>The path, or null when serializable.</returns>
    public static string? FindNonSerializable(ITypeSymbol type, Compilation compilation, out ITypeSymbol? offender) =>
        FindNonSerializable(type, compilation, sharedInterfaces: true, out offender);

    /// <summary>
    /// As <see cref="FindNonSerializable(ITypeSymbol, Compilation)"/>; with <paramref name="sharedInterfaces"/> false a
    /// <c>[SharedInterface]</c> anywhere in the type is an offender too (a manager's served object holds the objects
    /// themselves, not proxies it could send).
    /// </summary>
    /// <param name="type">A parameter, result, element or member type.</param>
    /// <param name="compilation">The compilation generated code will live in.</param>
    /// <param name="sharedInterfaces">Whether shared interfaces cross (as proxies).</param>
    /// <param name="offender">The type at the end of the path; null when serializable.</param>
    /// <returns>The path, or null when serializable.</returns>
    public static string? FindNonSerializable(ITypeSymbol type, Compilation compilation, bool sharedInterfaces, out ITypeSymbol? offender)
    {
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var steps = new List<string>();
        offender = null;
        if (!TryFindProblem(type, compilation, sharedInterfaces, visited, steps, out string? leaf, ref offender))
        {
            offender = null;
            return null;
        }

        var path = new StringBuilder(Display(type));
        foreach (string step in steps)
        {
            path.Append(" → ").Append(step);
        }

        if (leaf is not null)
        {
            path.Append(" → ").Append(leaf);
        }

        return path.ToString();
    }

    /// <summary>How the generator encodes a type; <see cref="SerializableKind.None"/> when it cannot.</summary>
    /// <param name="type">The type.</param>
    /// <param name="compilation">The compilation generated code will live in.</param>
    /// <returns>The kind. Element and member types are not inspected; use <see cref="FindNonSerializable"/>.</returns>
    public static SerializableKind Classify(ITypeSymbol type, Compilation compilation)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return SerializableKind.Boolean;
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
                return SerializableKind.Unmanaged;
            case SpecialType.System_Decimal: return SerializableKind.Decimal;
            case SpecialType.System_String: return SerializableKind.String;
            case SpecialType.System_DateTime: return SerializableKind.DateTime;
        }

        if (type is IArrayTypeSymbol array)
        {
            if (!array.IsSZArray)
            {
                return SerializableKind.None;
            }

            return IsBlockCopyable(array.ElementType) ? SerializableKind.UnmanagedArray : SerializableKind.Array;
        }

        if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error || named.IsUnboundGenericType || ContainsTypeParameter(named))
        {
            return SerializableKind.None;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            return IsNameable(named, compilation) ? SerializableKind.Enum : SerializableKind.None;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return SerializableKind.Nullable;
        }

        if (IsInNamespace(named, "System"))
        {
            switch (named.MetadataName)
            {
                case "DateTimeOffset": return SerializableKind.DateTimeOffset;
                case "TimeSpan":
                case "Guid":
                    return SerializableKind.Unmanaged;
                case "ValueTuple": return SerializableKind.Unit;
                case "Tuple`1" or "Tuple`2" or "Tuple`3" or "Tuple`4" or "Tuple`5" or "Tuple`6" or "Tuple`7":
                    return SerializableKind.Tuple;
            }

            if (named.IsTupleType || named.MetadataName == "ValueTuple`1")
            {
                return SerializableKind.ValueTuple;
            }
        }

        if (IsInNamespace(named, "System.Collections.Generic"))
        {
            switch (named.MetadataName)
            {
                case "List`1": return SerializableKind.List;
                case "HashSet`1": return SerializableKind.HashSet;
                case "Dictionary`2": return SerializableKind.Dictionary;
            }
        }

        if (!IsNameable(named, compilation))
        {
            return SerializableKind.None;
        }

        if (SharedInterfaceRules.IsShared(named) && SharedInterfaceRules.CheckInterface(named) is null)
        {
            return SerializableKind.SharedInterface;
        }

        if (ImplementsWireSerializable(named, compilation))
        {
            return SerializableKind.WireSerializable;
        }

        if (HasAttribute(named.OriginalDefinition, ProcessSerializableAttribute)
            && named.TypeKind is TypeKind.Class or TypeKind.Struct
            && !named.IsAbstract && !named.IsRefLikeType && !named.IsStatic
            && FindConstructor(named) is not null)
        {
            return SerializableKind.Object;
        }

        return IsMemoryPackable(named, compilation) ? SerializableKind.MemoryPack : SerializableKind.None;
    }

    /// <summary>
    /// True for element types whose arrays are block-copied: every bit pattern is a valid value (integers,
    /// <c>char</c>, floating point, enums, <c>TimeSpan</c>, <c>Guid</c>). Not <c>bool</c>, <c>decimal</c>
    /// or <c>DateTime</c>, which are validated element by element.
    /// </summary>
    /// <param name="type">The element type.</param>
    /// <returns>Whether an array of it is one block copy.</returns>
    public static bool IsBlockCopyable(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Char or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double => true,
        _ => type.TypeKind == TypeKind.Enum
            || (type is INamedTypeSymbol { Arity: 0, MetadataName: "TimeSpan" or "Guid" } named && IsInNamespace(named, "System")),
    };

    /// <summary>
    /// The serializable type arguments of a generic <c>IWireSerializable&lt;TSelf&gt;</c> type (and of its
    /// containing types), such as the item type of <c>Queue&lt;T&gt;</c>: payloads it will encode through
    /// <c>WireSerializer&lt;T&gt;.Default</c>, so the generator emits serializers for them. Arguments that are
    /// not serializable are left out rather than rejected (an unmanaged struct in a shared value, say).
    /// </summary>
    /// <param name="type">A type of kind <see cref="SerializableKind.WireSerializable"/>.</param>
    /// <param name="compilation">The compilation.</param>
    /// <returns>The serializable type arguments, outermost type first.</returns>
    public static IReadOnlyList<ITypeSymbol> GetPayloadTypes(ITypeSymbol type, Compilation compilation)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type as INamedTypeSymbol; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        return chain.SelectMany(static t => t.TypeArguments).Where(a => FindNonSerializable(a, compilation) is null).ToList();
    }

    /// <summary>
    /// The element types of a collection, nullable or tuple kind, in encoding order (key before value);
    /// empty for other kinds.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="kind">Its kind, from <see cref="Classify"/>.</param>
    /// <returns>The element types.</returns>
    public static IReadOnlyList<ITypeSymbol> GetElementTypes(ITypeSymbol type, SerializableKind kind) => kind switch
    {
        SerializableKind.Array or SerializableKind.UnmanagedArray => [((IArrayTypeSymbol)type).ElementType],
        SerializableKind.ValueTuple when ((INamedTypeSymbol)type).IsTupleType => ((INamedTypeSymbol)type).TupleElements.Select(static e => e.Type).ToArray(),
        SerializableKind.Nullable or SerializableKind.List or SerializableKind.HashSet or SerializableKind.Dictionary
            or SerializableKind.Tuple or SerializableKind.ValueTuple => ((INamedTypeSymbol)type).TypeArguments,
        _ => [],
    };

    private static bool TryFindProblem(ITypeSymbol type, Compilation compilation, bool sharedInterfaces, HashSet<ITypeSymbol> visited, List<string> steps, out string? leaf, ref ITypeSymbol? offender)
    {
        leaf = null;
        SerializableKind kind = Classify(type, compilation);
        if (kind == SerializableKind.None || (kind == SerializableKind.SharedInterface && !sharedInterfaces))
        {
            offender = type;
            return true;
        }

        if (!visited.Add(type))
        {
            return false;
        }

        foreach (ITypeSymbol element in GetElementTypes(type, kind))
        {
            if (TryFindProblem(element, compilation, sharedInterfaces, visited, steps, out leaf, ref offender))
            {
                if (leaf is null && SymbolEqualityComparer.Default.Equals(element, offender))
                {
                    leaf = Display(element);
                }

                return true;
            }
        }

        if (kind == SerializableKind.Object)
        {
            var named = (INamedTypeSymbol)type;
            foreach (ISymbol member in GetSerializableMembers(named))
            {
                ITypeSymbol memberType = GetMemberType(member);
                int mark = steps.Count;
                steps.Add($"{Display(named)}.{member.Name}: {Display(memberType)}");
                if (TryFindProblem(memberType, compilation, sharedInterfaces, visited, steps, out leaf, ref offender))
                {
                    return true;
                }

                steps.RemoveRange(mark, steps.Count - mark);
            }
        }

        return false;
    }

    private static bool IsNameable(INamedTypeSymbol type, Compilation compilation)
    {
        Accessibility accessibility = GetEffectiveAccessibility(type);
        if (accessibility == Accessibility.Private)
        {
            return false;
        }

        if (accessibility == Accessibility.Internal && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
        {
            return false;
        }

        foreach (ITypeSymbol argument in type.TypeArguments)
        {
            if (argument is INamedTypeSymbol namedArgument && !IsNameable(namedArgument, compilation))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ImplementsWireSerializable(INamedTypeSymbol type, Compilation compilation)
    {
        INamedTypeSymbol? contract = compilation.GetTypeByMetadataName(WireSerializableInterface);
        if (contract is null)
        {
            return false;
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract)
                && SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAttribute(ISymbol symbol, string metadataName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && attributeClass.ToDisplayString() == metadataName)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsTypeParameter(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            foreach (ITypeSymbol argument in current.TypeArguments)
            {
                if (argument.TypeKind == TypeKind.TypeParameter || (argument is INamedTypeSymbol namedArgument && ContainsTypeParameter(namedArgument))
                    || (argument is IArrayTypeSymbol { ElementType: var element } && element.TypeKind == TypeKind.TypeParameter))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(s_pathFormat);
}
