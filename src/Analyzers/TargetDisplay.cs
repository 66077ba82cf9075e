using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers;

/// <summary>How the target-shape and duplicate-name messages name a process target.</summary>
internal static class TargetDisplay
{
    /// <summary>Containing types (no namespace), the member and its type parameters: <c>Outer.Work.Run&lt;T&gt;</c>, <c>Work.Value.get</c>.</summary>
    private static readonly SymbolDisplayFormat s_name = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>As <see cref="s_name"/>, with the parameter types, to tell overloads apart: <c>Work.Run(int)</c>.</summary>
    private static readonly SymbolDisplayFormat s_signature = s_name
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeParameters)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut);

    /// <summary>The target's name in messages; a lambda is named after the member it is written in.</summary>
    public static string Name(IMethodSymbol method) => method.MethodKind == MethodKind.AnonymousFunction
        ? "lambda in " + method.ContainingSymbol.ToDisplayString(s_name)
        : method.ToDisplayString(s_name);

    /// <summary>The target's name with its parameter types.</summary>
    public static string Signature(IMethodSymbol method) => method.ToDisplayString(s_signature);

    /// <summary>A field, property or method in messages: <c>Work.Pool</c>, <c>Work.Init</c>.</summary>
    public static string Member(ISymbol member) => member.ToDisplayString(s_name);

    /// <summary>A type in messages: <c>Span&lt;byte&gt;</c>, <c>Work.Nested</c>.</summary>
    public static string Type(ITypeSymbol type) => type.ToDisplayString(s_name);
}
