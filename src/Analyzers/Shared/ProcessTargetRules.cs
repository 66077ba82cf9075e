using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Shared;

/// <summary>
/// What makes a <c>[ProcessTarget]</c> method valid and a type serializable. Compiled into both the
/// generator (which silently skips what these rules reject) and the analyzers (which explain why), so the
/// two can never disagree. Symbols only; no syntax, no Workspaces.
/// </summary>
internal static partial class ProcessTargetRules
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

    /// <summary>Metadata name of the attribute that lets an <c>[UnsafeAccessor]</c> name a type by string (.NET 10).</summary>
    public const string UnsafeAccessorTypeAttribute = "System.Runtime.CompilerServices.UnsafeAccessorTypeAttribute";

    /// <summary>
    /// Checks everything about a target except serializability: static, not generic, ordinary, callable
    /// from generated code in the same assembly, no by-reference or ref-like parameters or return. A
    /// private or protected target (or one inside a private or protected type) is callable through an
    /// <c>[UnsafeAccessor]</c> (see <see cref="NeedsAccessor"/>) when the compilation's framework has
    /// <c>UnsafeAccessorTypeAttribute</c> (.NET 10); one in a file-local type never is.
    /// </summary>
    /// <param name="method">The method carrying <c>[ProcessTarget]</c>.</param>
    /// <param name="compilation">The compilation generated code will live in.</param>
    /// <returns>The first problem found, or <see cref="TargetShapeProblem.None"/>.</returns>
    public static TargetShapeProblem CheckShape(IMethodSymbol method, Compilation compilation)
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

        if (NeedsAccessor(method) && (IsInFileLocalType(method) || compilation.GetTypeByMetadataName(UnsafeAccessorTypeAttribute) is null))
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

        if (method.Name is SpawnClassName or TargetsClassName
            or "Equals" or "GetHashCode" or "ToString" or "GetType" or "ReferenceEquals" or "MemberwiseClone" or "Finalize")
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
    public static string GetNamespace(IMethodSymbol method) => GetNamespace(method.ContainingType);

    /// <summary>The namespace of a top-level type (of the outermost type containing it); empty for the global namespace.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The dotted namespace name.</returns>
    public static string GetNamespace(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty;

    /// <summary>
    /// True when generated code outside the target's type cannot name the target (it, or a type containing it,
    /// is private, protected or private protected): the dispatch table then calls it through an
    /// <c>[UnsafeAccessor]</c> extern method, which the runtime binds without reflection (NativeAOT-safe).
    /// </summary>
    /// <param name="method">A target.</param>
    /// <returns>Whether the call goes through an accessor.</returns>
    public static bool NeedsAccessor(IMethodSymbol method) => GetEffectiveAccessibility(method) == Accessibility.Private;

    private static bool IsInFileLocalType(ISymbol symbol)
    {
        for (INamedTypeSymbol? type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
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

    private static bool IsRefLikeOrPointer(ITypeSymbol type) =>
        type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;

    private static bool IsInNamespace(INamedTypeSymbol type, string ns) =>
        type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == ns;
}
