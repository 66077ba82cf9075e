namespace Multiproc.Generators.Model;

/// <summary>One encoded field or property of a <c>[ProcessSerializable]</c> type.</summary>
/// <param name="Name">The member name, escaped if it is a keyword.</param>
/// <param name="Type">The member type.</param>
/// <param name="ConstructorPosition">The position of the constructor parameter it is passed through, or -1 when it is set in an object initializer.</param>
/// <param name="IsRequired">True for a <c>required</c> member, which is set in the object initializer even when also passed to the constructor.</param>
internal sealed record MemberModel(string Name, TypeRefModel Type, int ConstructorPosition, bool IsRequired);
