namespace Multiproc.Analyzers.Shared;

/// <summary>
/// One runtime API that moves values of a type argument between processes through
/// <c>WireSerializer&lt;T&gt;.Default</c> (see <see cref="ProcessBoundary"/>).
/// </summary>
internal sealed class BoundaryApi
{
    /// <summary>Creates a row.</summary>
    /// <param name="containingType">Metadata name of the type declaring the member, or of the generic type itself.</param>
    /// <param name="memberName">The generic method's name; null when every closed use of the generic type crosses.</param>
    /// <param name="typeArgument">Which type argument crosses (of the method, or of the type).</param>
    /// <param name="role">How MP0002 names the value; <c>{0}</c> is the closed method or type, e.g. <c>Connection.Send&lt;Job&gt;</c>.</param>
    public BoundaryApi(string containingType, string? memberName, int typeArgument, string role)
    {
        ContainingType = containingType;
        MemberName = memberName;
        TypeArgument = typeArgument;
        Role = role;
    }

    /// <summary>Metadata name of the type declaring the member, or of the generic type itself.</summary>
    public string ContainingType { get; }

    /// <summary>The generic method's name; null when every closed use of the generic type crosses.</summary>
    public string? MemberName { get; }

    /// <summary>Which type argument crosses.</summary>
    public int TypeArgument { get; }

    /// <summary>How MP0002 names the value.</summary>
    public string Role { get; }
}
