namespace Multiproc.Analyzers.Shared;

/// <summary>Why a <c>[ProcessTarget]</c> method cannot be dispatched; <see cref="None"/> when it can.</summary>
internal enum TargetShapeProblem
{
    /// <summary>The method is a valid target shape.</summary>
    None,

    /// <summary>An instance method: a child has no instance to call it on.</summary>
    NotStatic,

    /// <summary>A generic method, or a method of a generic type: the child cannot pick type arguments.</summary>
    Generic,

    /// <summary>A <c>ref</c>/<c>out</c>/<c>in</c> parameter, or a pointer or ref struct (<c>Span</c>) parameter.</summary>
    RefLikeParameter,

    /// <summary>A by-reference, pointer or ref struct return.</summary>
    RefLikeReturn,

    /// <summary>
    /// Inside a file-local type, or private/protected (or inside such a type) when the framework lacks
    /// <c>UnsafeAccessorTypeAttribute</c> (before .NET 10): generated code cannot call it.
    /// </summary>
    Inaccessible,

    /// <summary>Not an ordinary method (an operator, accessor, local function…).</summary>
    UnsupportedKind,

    /// <summary>An abstract or virtual method (static abstract interface members included).</summary>
    Abstract,

    /// <summary>
    /// Named <c>Spawn</c> or <c>Targets</c> (the generated classes), or like a member of <c>object</c>
    /// (<c>Equals</c>, <c>ToString</c>…), which a generated member of that name would hide.
    /// </summary>
    ReservedName,
}
