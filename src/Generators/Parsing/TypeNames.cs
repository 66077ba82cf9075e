using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Parsing;

/// <summary>The names generated code uses for types, members and files.</summary>
internal static class TypeNames
{
    /// <summary>A type as written in a generated signature: <c>global::</c>, nullable annotations and tuple names kept.</summary>
    public static readonly SymbolDisplayFormat DeclaredFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The identity of a type in generated code: <c>global::</c>-qualified, keywords for special types, no
    /// nullable reference annotations and no tuple element names, so equal runtime types get equal keys.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <returns>The key, valid C#.</returns>
    public static string Key(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Key(array.ElementType) + "[]";
            case INamedTypeSymbol { IsTupleType: true, TupleElements.Length: > 1 } tuple:
                return "(" + string.Join(", ", tuple.TupleElements.Select(static e => Key(e.Type))) + ")";
            case INamedTypeSymbol named when named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                return Key(named.TypeArguments[0]) + "?";
            case INamedTypeSymbol { Arity: > 0 } generic:
                string prefix = generic.ContainingType is { } outer
                    ? Key(outer)
                    : generic.ContainingNamespace is { IsGlobalNamespace: false } ns ? "global::" + ns.ToDisplayString() : "global:";
                return prefix + "." + Escape(generic.Name) + "<" + string.Join(", ", generic.TypeArguments.Select(Key)) + ">";
            default:
                return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }
    }

    /// <summary>
    /// A readable, unique identifier for a type's generated <c>Write_</c>/<c>Read_</c> methods: its short name
    /// and eight hex digits of the FNV-1a hash of its <see cref="Key"/>.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="key">Its key.</param>
    /// <returns>The identifier.</returns>
    public static string Identifier(ITypeSymbol type, string key) =>
        ShortName(type) + "_" + ((uint)Fnv1a.Hash(key)).ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>The dotted metadata path of a named type without arity suffixes: <c>Namespace.Outer.Inner</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The path, safe in a hint name.</returns>
    public static string MetadataPath(INamedTypeSymbol type)
    {
        var builder = new StringBuilder(type.Name);
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            builder.Insert(0, outer.Name + ".");
        }

        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            builder.Insert(0, ns.Name + ".");
        }

        return builder.ToString();
    }

    /// <summary>The runtime (reflection) name of a type: <c>Namespace.Outer+Inner`1</c>, without assembly.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name, as <c>UnsafeAccessorType</c> resolves it.</returns>
    public static string RuntimeName(INamedTypeSymbol type)
    {
        var builder = new StringBuilder(type.MetadataName);
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            builder.Insert(0, outer.MetadataName + "+");
        }

        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            builder.Insert(0, ns.ToDisplayString() + ".");
        }

        return builder.ToString();
    }

    /// <summary>The namespace of an assembly's generated plumbing: <c>Multiproc.Generated.{name with non-identifier characters as _}</c>.</summary>
    /// <param name="assemblyName">The assembly name.</param>
    /// <returns>The namespace.</returns>
    public static string TableNamespace(string? assemblyName)
    {
        var builder = new StringBuilder();
        foreach (char c in assemblyName ?? "Assembly")
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return "Multiproc.Generated." + builder;
    }

    /// <summary>Prefixes <c>@</c> to a name that is a C# keyword.</summary>
    /// <param name="name">The identifier.</param>
    /// <returns>The identifier as it can be written in source.</returns>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string ShortName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => ShortName(array.ElementType) + "Array",
        INamedTypeSymbol { IsTupleType: true } tuple => "ValueTuple_" + string.Join("_", tuple.TupleElements.Select(static e => ShortName(e.Type))),
        INamedTypeSymbol named when named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T => "Nullable_" + ShortName(named.TypeArguments[0]),
        INamedTypeSymbol { Arity: > 0 } generic => generic.Name + "_" + string.Join("_", generic.TypeArguments.Select(ShortName)),
        _ => type.Name,
    };
}
