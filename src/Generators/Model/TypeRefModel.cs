namespace Multiproc.Generators.Model;

/// <summary>A reference to a serializable type, with everything needed to write or read one value of it inline.</summary>
/// <param name="FullyQualifiedName">The <c>global::</c> name without nullable reference annotations or tuple element names; the identity of the type.</param>
/// <param name="Codec">How a value is written and read.</param>
/// <param name="Identifier">The suffix of the generated <c>Write_</c>/<c>Read_</c> methods (for <see cref="CodecKind.Generated"/>).</param>
/// <param name="ElementFullyQualifiedName">The element type of a block-copied array; otherwise null.</param>
/// <param name="MinimumSize">The fewest bytes one encoded value occupies (bounds forged collection counts).</param>
/// <param name="IsReferenceType">True for classes, arrays and strings.</param>
internal sealed record TypeRefModel(
    string FullyQualifiedName,
    CodecKind Codec,
    string Identifier,
    string? ElementFullyQualifiedName,
    int MinimumSize,
    bool IsReferenceType);
