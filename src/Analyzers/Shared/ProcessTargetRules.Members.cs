using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Shared;

/// <content>Which members of a <c>[ProcessSerializable]</c> type are encoded, and the constructor a reader calls.</content>
internal static partial class ProcessTargetRules
{
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
}
