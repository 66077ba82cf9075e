using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Analyzers;

/// <summary>
/// The second argument of MP0010: what is wrong with a target, why a child process cannot run it, and the
/// fix. Each sentence follows the check <see cref="ProcessTargetRules.CheckShape"/> made.
/// </summary>
internal static class TargetShapeExplanation
{
    /// <summary>The explanation of <paramref name="problem"/> for <paramref name="method"/>.</summary>
    public static string For(IMethodSymbol method, TargetShapeProblem problem) => problem switch
    {
        TargetShapeProblem.NotStatic =>
            "is not static: a child process has no instance to call it on; make it static",
        TargetShapeProblem.Generic when method.IsGenericMethod =>
            "is generic: a child process cannot choose its type arguments; make it non-generic, one target per type argument",
        TargetShapeProblem.Generic =>
            $"is declared in generic type '{TargetDisplay.Type(GenericContainer(method))}': a child process cannot choose its type arguments; move it to a non-generic type",
        TargetShapeProblem.RefLikeParameter => RefLikeParameter(FindRefLikeParameter(method)!),
        TargetShapeProblem.RefLikeReturn => RefLikeReturn(method),
        TargetShapeProblem.Inaccessible => Inaccessible(method),
        TargetShapeProblem.UnsupportedKind => UnsupportedKind(method),
        TargetShapeProblem.Abstract =>
            $"is a static {(method.IsAbstract ? "abstract" : "virtual")} interface member: a child process cannot pick the type that implements it; mark the implementing type's static method instead",
        TargetShapeProblem.ReservedName when method.Name is ProcessTargetRules.SpawnClassName or ProcessTargetRules.TargetsClassName =>
            $"is named '{method.Name}', like the generated class its member would go into; rename it",
        TargetShapeProblem.ReservedName =>
            $"is named '{method.Name}' like a member of object, which the generated 'Spawn.{method.Name}' would hide; rename it",
        _ => "cannot be run by a child process",
    };

    /// <summary>The parameter <see cref="ProcessTargetRules.CheckShape"/> rejects: the first by-reference, pointer or ref struct one.</summary>
    public static IParameterSymbol? FindRefLikeParameter(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || IsRefLikeOrPointer(parameter.Type))
            {
                return parameter;
            }
        }

        return null;
    }

    private static string RefLikeParameter(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return $"has '{RefKindText(parameter.RefKind)}' parameter '{parameter.Name}': arguments are copied into the child process, which cannot reach the parent's variable; pass it by value and return results instead";
        }

        string type = TargetDisplay.Type(parameter.Type);
        return parameter.Type.IsRefLikeType
            ? $"has parameter '{parameter.Name}' of ref struct type '{type}', which cannot be copied to another process; pass an array, a List<T> or a SharedMemory instead"
            : $"has parameter '{parameter.Name}' of pointer type '{type}': an address means nothing in another process; pass the data (an array) or a SharedMemory instead";
    }

    private static string RefLikeReturn(IMethodSymbol method)
    {
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return "returns by reference: a reference into the child's memory means nothing to the parent; return the value";
        }

        string type = TargetDisplay.Type(method.ReturnType);
        return method.ReturnType.IsRefLikeType
            ? $"returns ref struct type '{type}', which cannot be copied back to the parent; return an array or a List<T> instead"
            : $"returns pointer type '{type}': an address means nothing in another process; return the data instead";
    }

    private static string Inaccessible(IMethodSymbol method)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                return $"is declared in file-local type '{TargetDisplay.Type(type)}': the generated dispatch table, in another file, cannot name it; make the type internal or public";
            }
        }

        const string Why = "the generated dispatch table calls a private or protected target through [UnsafeAccessor] with UnsafeAccessorType, which needs .NET 10; target net10.0 or later";
        for (ISymbol? current = method; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            string? modifier = current.DeclaredAccessibility switch
            {
                Accessibility.Private => "private",
                Accessibility.Protected => "protected",
                Accessibility.ProtectedAndInternal => "private protected",
                _ => null,
            };
            if (modifier is not null)
            {
                return ReferenceEquals(current, method)
                    ? $"is {modifier}: {Why}, or make it internal or public"
                    : $"is declared in {modifier} type '{TargetDisplay.Type((INamedTypeSymbol)current)}': {Why}, or make the type internal or public";
            }
        }

        return $"is not accessible: {Why}, or make it internal or public";
    }

    private static string UnsupportedKind(IMethodSymbol method)
    {
        const string Fix = "a child process runs a named static method of a type";
        return method.MethodKind switch
        {
            MethodKind.LocalFunction =>
                $"is a local function of '{TargetDisplay.Name((IMethodSymbol)method.ContainingSymbol)}': {Fix}; move it into a type as a static method",
            MethodKind.AnonymousFunction =>
                $"is a lambda: {Fix}; move its body into a static method and mark that [ProcessTarget]",
            MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise =>
                $"is an accessor: {Fix}; mark a static method instead",
            MethodKind.UserDefinedOperator or MethodKind.Conversion =>
                $"is an operator: {Fix}; mark a static method instead",
            MethodKind.ExplicitInterfaceImplementation =>
                $"is an explicit interface implementation, which has no name generated code can call: {Fix}; mark a static method instead",
            _ => $"is not an ordinary method: {Fix}; mark a static method instead",
        };
    }

    private static INamedTypeSymbol GenericContainer(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.Arity > 0)
            {
                return current;
            }
        }

        return type;
    }

    private static string RefKindText(RefKind kind) => kind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.Ref => "ref",
        _ => "ref readonly",
    };

    private static bool IsRefLikeOrPointer(ITypeSymbol type) =>
        type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;
}
