using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Shared;

/// <summary>
/// What makes a <c>[ProcessTarget]</c> method valid and a type serializable. Compiled into both the
/// generator (which silently skips what these rules reject) and the analyzers (which explain why), so the
/// two can never disagree. Symbols only; no syntax, no Workspaces.
/// </summary>
internal static class ProcessTargetRules
{
    /// <summary>Metadata name of the attribute marking a process target method.</summary>
    public const string ProcessTargetAttribute = "Multiproc.ProcessTargetAttribute";

    /// <summary>Metadata name of the attribute marking a user type as serializable.</summary>
    public const string ProcessSerializableAttribute = "Multiproc.ProcessSerializableAttribute";

    /// <summary>Metadata name of the assembly attribute naming a generated dispatch table.</summary>
    public const string ProcessTargetTableAttribute = "Multiproc.Hosting.ProcessTargetTableAttribute";

    /// <summary>Metadata name of the self-serialization interface.</summary>
    public const string WireSerializableInterface = "Multiproc.Serialization.IWireSerializable`1";

    /// <summary>The generated class holding typed starters, in the target's namespace.</summary>
    public const string SpawnClassName = "Spawn";

    /// <summary>The generated class holding target descriptors, in the target's namespace.</summary>
    public const string TargetsClassName = "Targets";

    private static readonly SymbolDisplayFormat s_pathFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>
    /// Checks everything about a target except serializability: static, not generic, ordinary, callable
    /// from generated code in the same assembly, no by-reference or ref-like parameters or return.
    /// </summary>
    /// <param name="method">The method carrying <c>[ProcessTarget]</c>.</param>
    /// <returns>The first problem found, or <see cref="TargetShapeProblem.None"/>.</returns>
    public static TargetShapeProblem CheckShape(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary)
        {
            return TargetShapeProblem.UnsupportedKind;
        }

        if (!method.IsStatic)
        {
            return TargetShapeProblem.NotStatic;
        }

        if (method.IsAbstract || method.IsVirtual)
        {
            return TargetShapeProblem.Abstract;
        }

        if (method.IsGenericMethod || IsInGenericType(method))
        {
            return TargetShapeProblem.Generic;
        }

        if (GetEffectiveAccessibility(method) == Accessibility.Private)
        {
            return TargetShapeProblem.Inaccessible;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || IsRefLikeOrPointer(parameter.Type))
            {
                return TargetShapeProblem.RefLikeParameter;
            }
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly || IsRefLikeOrPointer(method.ReturnType))
        {
            return TargetShapeProblem.RefLikeReturn;
        }

        if (method.Name is SpawnClassName or TargetsClassName)
        {
            return TargetShapeProblem.ReservedName;
        }

        return TargetShapeProblem.None;
    }

    /// <summary>
    /// The type a target's result travels as: the return type, unwrapped from <c>Task&lt;T&gt;</c> or
    /// <c>ValueTask&lt;T&gt;</c> (the child waits for it); <see langword="null"/> for <see langword="void"/>,
    /// <c>Task</c> and <c>ValueTask</c>.
    /// </summary>
    /// <param name="method">The target.</param>
    /// <returns>The result type, or null when the target has no result.</returns>
    public static ITypeSymbol? GetResultType(IMethodSymbol method)
    {
        ITypeSymbol type = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return null;
        }

        if (type is INamedTypeSymbol named && IsInNamespace(named, "System.Threading.Tasks"))
        {
            if (named.Arity == 0 && named.Name is "Task" or "ValueTask")
            {
                return null;
            }

            if (named.Arity == 1 && named.Name is "Task" or "ValueTask")
            {
                return named.TypeArguments[0];
            }
        }

        return type;
    }

    /// <summary>True when the target returns <c>Task</c>, <c>ValueTask</c> or their generic forms.</summary>
    /// <param name="method">The target.</param>
    /// <returns>Whether the child must wait for the returned task.</returns>
    public static bool IsAwaitable(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", Arity: <= 1 } named && IsInNamespace(named, "System.Threading.Tasks");

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
    public static string? FindNonSerializable(ITypeSymbol type, Compilation compilation)
    {
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var steps = new List<string>();
        if (!TryFindProblem(type, compilation, visited, steps, out string? leaf))
        {
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

        return SerializableKind.None;
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

    /// <summary>
    /// The members a <c>[ProcessSerializable]</c> type is encoded by, in encoding order: public instance
    /// fields and public non-indexer properties with a public getter, base types first, that are either
    /// writable (non-readonly field; public <c>set</c> or <c>init</c>) or matched by a parameter of the
    /// constructor <see cref="FindConstructor"/> picks. Members that are neither (computed properties) are
    /// not encoded.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <returns>The members, fields and properties.</returns>
    public static IReadOnlyList<ISymbol> GetSerializableMembers(INamedTypeSymbol type)
    {
        IMethodSymbol? constructor = FindConstructor(type);
        var result = new List<ISymbol>();
        foreach (ISymbol member in GetCandidateMembers(type))
        {
            if (IsWritable(member) || (constructor is not null && FindParameter(constructor, member) is not null))
            {
                result.Add(member);
            }
        }

        return result;
    }

    /// <summary>
    /// The constructor a reader calls: among public constructors (a struct's implicit parameterless one
    /// included, copy constructors excluded) whose every parameter matches a candidate member by name
    /// (ignoring case) and type, the one with the most parameters; the first declared on a tie.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <returns>The constructor, or null when none qualifies.</returns>
    public static IMethodSymbol? FindConstructor(INamedTypeSymbol type)
    {
        List<ISymbol> members = GetCandidateMembers(type);
        IMethodSymbol? best = null;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility != Accessibility.Public
                || (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type)))
            {
                continue;
            }

            bool allMatch = constructor.Parameters.All(p => p.RefKind == RefKind.None && members.Any(m => Matches(p, m)));
            if (allMatch && (best is null || constructor.Parameters.Length > best.Parameters.Length))
            {
                best = constructor;
            }
        }

        return best;
    }

    /// <summary>The constructor parameter a member is passed through, if any.</summary>
    /// <param name="constructor">The constructor from <see cref="FindConstructor"/>.</param>
    /// <param name="member">A member from <see cref="GetSerializableMembers"/>.</param>
    /// <returns>The parameter, or null when the member is assigned in an object initializer.</returns>
    public static IParameterSymbol? FindParameter(IMethodSymbol constructor, ISymbol member) =>
        constructor.Parameters.FirstOrDefault(p => Matches(p, member));

    /// <summary>The type of a field or property.</summary>
    /// <param name="member">A field or property.</param>
    /// <returns>Its type.</returns>
    public static ITypeSymbol GetMemberType(ISymbol member) => member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;

    /// <summary>
    /// The accessibility generated code can give a member exposing <paramref name="symbol"/>: the most
    /// restrictive of the symbol and its containing types, folded to <see cref="Accessibility.Public"/>,
    /// <see cref="Accessibility.Internal"/> or <see cref="Accessibility.Private"/> (not reachable from another
    /// type of the same assembly: private, protected, private protected, or a file-local type).
    /// </summary>
    /// <param name="symbol">A method or type.</param>
    /// <returns>Public, Internal or Private.</returns>
    public static Accessibility GetEffectiveAccessibility(ISymbol symbol)
    {
        Accessibility result = Accessibility.Public;
        for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current is INamedTypeSymbol { IsFileLocal: true })
            {
                return Accessibility.Private;
            }

            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Private:
                case Accessibility.Protected:
                case Accessibility.ProtectedAndInternal:
                    return Accessibility.Private;
                case Accessibility.Internal:
                case Accessibility.ProtectedOrInternal:
                    result = Accessibility.Internal;
                    break;
            }
        }

        return result;
    }

    /// <summary>The namespace a target's <c>Spawn</c>/<c>Targets</c> members go to; empty for the global namespace.</summary>
    /// <param name="method">The target.</param>
    /// <returns>The dotted namespace name.</returns>
    public static string GetNamespace(IMethodSymbol method) =>
        method.ContainingType.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

    private static bool TryFindProblem(ITypeSymbol type, Compilation compilation, HashSet<ITypeSymbol> visited, List<string> steps, out string? leaf)
    {
        leaf = null;
        SerializableKind kind = Classify(type, compilation);
        if (kind == SerializableKind.None)
        {
            return true;
        }

        if (!visited.Add(type))
        {
            return false;
        }

        foreach (ITypeSymbol element in GetElementTypes(type, kind))
        {
            if (TryFindProblem(element, compilation, visited, steps, out leaf))
            {
                if (leaf is null && Classify(element, compilation) == SerializableKind.None)
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
                if (TryFindProblem(memberType, compilation, visited, steps, out leaf))
                {
                    return true;
                }

                steps.RemoveRange(mark, steps.Count - mark);
            }
        }

        return false;
    }

    private static List<ISymbol> GetCandidateMembers(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            chain.Add(current);
        }

        // Claim names most derived first, so that a hiding member wins; then order base first.
        var names = new HashSet<string>();
        var claimed = new List<(int Level, int Order, ISymbol Member)>();
        for (int level = 0; level < chain.Count; level++)
        {
            foreach (ISymbol member in chain[level].GetMembers())
            {
                if (IsCandidate(member) && names.Add(member.Name))
                {
                    claimed.Add((level, claimed.Count, member));
                }
            }
        }

        return claimed.OrderByDescending(static c => c.Level).ThenBy(static c => c.Order).Select(static c => c.Member).ToList();
    }

    private static bool IsCandidate(ISymbol member)
    {
        if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || member.IsImplicitlyDeclared && member is IFieldSymbol)
        {
            return false;
        }

        return member switch
        {
            IFieldSymbol field => !field.IsConst && field.AssociatedSymbol is null,
            IPropertySymbol property => !property.IsIndexer && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
                && property.RefKind == RefKind.None && property.Name != "EqualityContract",
            _ => false,
        };
    }

    private static bool IsWritable(ISymbol member) => member switch
    {
        IFieldSymbol field => !field.IsReadOnly,
        IPropertySymbol property => property.SetMethod is { DeclaredAccessibility: Accessibility.Public },
        _ => false,
    };

    private static bool Matches(IParameterSymbol parameter, ISymbol member) =>
        string.Equals(parameter.Name, member.Name, System.StringComparison.OrdinalIgnoreCase)
        && SymbolEqualityComparer.Default.Equals(parameter.Type, GetMemberType(member));

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

    private static bool IsInGenericType(ISymbol symbol)
    {
        for (INamedTypeSymbol? type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.Arity > 0)
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

    private static bool IsRefLikeOrPointer(ITypeSymbol type) =>
        type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;

    private static bool IsInNamespace(INamedTypeSymbol type, string ns) =>
        type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == ns;

    private static string Display(ITypeSymbol type) => type.ToDisplayString(s_pathFormat);
}
