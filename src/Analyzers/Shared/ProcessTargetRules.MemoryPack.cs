using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Shared;

/// <content>
/// MemoryPack interop: a type the user already marked <c>[MemoryPackable]</c> crosses a process boundary as
/// MemoryPack's own bytes, inside one length-prefixed field of Multiproc's wire format. Detected by metadata
/// name only, so Multiproc does not depend on MemoryPack: the kind exists only in compilations that
/// reference <c>MemoryPack.MemoryPackSerializer</c>, where the generated code can call it.
/// </content>
internal static partial class ProcessTargetRules
{
    /// <summary>MemoryPack's marker attribute.</summary>
    public const string MemoryPackableAttribute = "MemoryPack.MemoryPackableAttribute";

    /// <summary>MemoryPack's entry point, which generated code calls.</summary>
    public const string MemoryPackSerializerType = "MemoryPack.MemoryPackSerializer";

    /// <summary>
    /// True when <paramref name="type"/> carries <c>[MemoryPackable]</c> and <paramref name="compilation"/>
    /// references MemoryPack's serializer. Interfaces and abstract classes qualify too (MemoryPack unions).
    /// </summary>
    /// <param name="type">A nameable, closed type.</param>
    /// <param name="compilation">The compilation generated code will live in.</param>
    /// <returns>Whether MemoryPack encodes the type.</returns>
    public static bool IsMemoryPackable(INamedTypeSymbol type, Compilation compilation) =>
        !type.IsRefLikeType && !type.IsStatic
        && HasAttribute(type.OriginalDefinition, MemoryPackableAttribute)
        && compilation.GetTypeByMetadataName(MemoryPackSerializerType) is not null;
}
