using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers.Shared;

/// <summary>
/// What a <c>[SharedInterface]</c> may contain: one rules file compiled into both the generator (which emits a proxy
/// only for an interface with no problem) and the analyzers (MP0090, MP0091, which say what the problem is).
/// </summary>
internal static class SharedInterfaceRules
{
    /// <summary>The marker attribute's metadata name.</summary>
    public const string SharedInterfaceAttribute = "Multiproc.SharedInterfaceAttribute";

    /// <summary>Whether <paramref name="type"/> is an interface marked <c>[SharedInterface]</c>.</summary>
    public static bool IsShared(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Interface } named
        && named.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == SharedInterfaceAttribute);

    /// <summary>Why the interface itself cannot be shared (generic), or null.</summary>
    public static string? CheckInterface(INamedTypeSymbol type) =>
        type.IsGenericType ? "a generic interface cannot be shared (its proxy could not be made for every type argument); share a closed, non-generic interface" : null;

    /// <summary>The members a proxy implements: every abstract instance member of the interface and of its bases (not <c>IDisposable</c>'s).</summary>
    public static IEnumerable<ISymbol> ProxiedMembers(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.AllInterfaces)
            .Where(static i => i.ToDisplayString() != "System.IDisposable")
            .SelectMany(static i => i.GetMembers())
            .Where(static m => m.IsAbstract && m is not IMethodSymbol { AssociatedSymbol: not null });

    /// <summary>Why <paramref name="member"/> cannot be proxied, or null when it can.</summary>
    public static string? CheckMember(ISymbol member)
    {
        switch (member)
        {
            case { IsStatic: true }:
                return "a static abstract member cannot be proxied (a proxy is an instance)";
            case IEventSymbol:
                return "an event cannot be proxied (the manager cannot call back into this process); poll, or pass a queue";
            case IPropertySymbol { IsIndexer: true }:
                return "an indexer cannot be proxied; use a method";
            case IPropertySymbol { ReturnsByRef: true } or IPropertySymbol { ReturnsByRefReadonly: true }:
                return "a by-reference property cannot be proxied";
            case IPropertySymbol property when IsRefLikeOrPointer(property.Type):
                return "a pointer or ref struct property cannot be proxied";
            case IPropertySymbol property when IsShared(property.Type) && property.SetMethod is not null:
                return "a property of a shared interface type cannot have a setter (a proxy cannot be sent to the manager)";
            case IPropertySymbol:
                return null;
            case IMethodSymbol { MethodKind: not MethodKind.Ordinary }:
                return "only methods and properties can be proxied";
            case IMethodSymbol { IsGenericMethod: true }:
                return "a generic method cannot be proxied (the manager cannot pick its type arguments)";
            case IMethodSymbol { ReturnsByRef: true } or IMethodSymbol { ReturnsByRefReadonly: true }:
                return "a by-reference return cannot be proxied";
            case IMethodSymbol method:
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (parameter.RefKind != RefKind.None)
                    {
                        return $"parameter '{parameter.Name}' is 'ref', 'out' or 'in', which cannot cross to the manager";
                    }

                    if (IsRefLikeOrPointer(parameter.Type))
                    {
                        return $"parameter '{parameter.Name}' is a pointer or ref struct, which cannot cross to the manager";
                    }

                    if (IsShared(parameter.Type))
                    {
                        return $"parameter '{parameter.Name}' is a shared interface; a proxy cannot be sent to the manager (pass the data instead)";
                    }

                    if (IsCancellationToken(parameter.Type) && (parameter.Ordinal != method.Parameters.Length - 1 || GetAsyncKind(method.ReturnType) == AsyncKind.None))
                    {
                        return $"parameter '{parameter.Name}': a CancellationToken is only allowed last, in a method returning Task or ValueTask";
                    }
                }

                if (IsRefLikeOrPointer(method.ReturnType))
                {
                    return "a pointer or ref struct return cannot be proxied";
                }

                if (GetAsyncKind(method.ReturnType) is AsyncKind.TaskOfT or AsyncKind.ValueTaskOfT
                    && IsShared(((INamedTypeSymbol)method.ReturnType).TypeArguments[0]))
                {
                    return "an asynchronous method cannot return a shared interface; return it synchronously";
                }

                return null;
            default:
                return "only methods and properties can be proxied";
        }
    }

    /// <summary>
    /// The values of <paramref name="member"/> that cross to the manager and back, each with what to call it in a
    /// message: parameters (a last <c>CancellationToken</c> stays here), the result or property value (unless it is a
    /// shared interface, which comes back as a proxy).
    /// </summary>
    public static IEnumerable<(string What, ITypeSymbol Type, ISymbol Anchor)> CrossingValues(ISymbol member)
    {
        string owner = $"'{member.ContainingType.Name}.{member.Name}'";
        if (member is IPropertySymbol property)
        {
            if (!IsShared(property.Type))
            {
                yield return ($"Property {owner}", property.Type, property);
            }

            yield break;
        }

        if (member is not IMethodSymbol method)
        {
            yield break;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (!IsCancellationToken(parameter.Type))
            {
                yield return ($"Parameter '{parameter.Name}' of shared method {owner}", parameter.Type, parameter);
            }
        }

        ITypeSymbol? result = GetAsyncKind(method.ReturnType) switch
        {
            AsyncKind.None when method.ReturnsVoid => null,
            AsyncKind.None => method.ReturnType,
            AsyncKind.TaskOfT or AsyncKind.ValueTaskOfT => ((INamedTypeSymbol)method.ReturnType).TypeArguments[0],
            _ => null,
        };
        if (result is not null && !IsShared(result))
        {
            yield return ($"The result of shared method {owner}", result, method);
        }
    }

    /// <summary>How a method's result is awaited.</summary>
    public static AsyncKind GetAsyncKind(ITypeSymbol type) => type is INamedTypeSymbol named
        ? named.ToDisplayString() switch
        {
            "System.Threading.Tasks.Task" => AsyncKind.Task,
            "System.Threading.Tasks.ValueTask" => AsyncKind.ValueTask,
            _ when named.IsGenericType && named.ConstructedFrom.ToDisplayString() == "System.Threading.Tasks.Task<TResult>" => AsyncKind.TaskOfT,
            _ when named.IsGenericType && named.ConstructedFrom.ToDisplayString() == "System.Threading.Tasks.ValueTask<TResult>" => AsyncKind.ValueTaskOfT,
            _ => AsyncKind.None,
        }
        : AsyncKind.None;

    /// <summary>Whether the type is <c>System.Threading.CancellationToken</c>.</summary>
    public static bool IsCancellationToken(ITypeSymbol type) => type.ToDisplayString() == "System.Threading.CancellationToken";

    private static bool IsRefLikeOrPointer(ITypeSymbol type) => type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;
}

/// <summary>How a shared method's result is awaited.</summary>
internal enum AsyncKind
{
    /// <summary>Not awaitable: the result (or void) as is.</summary>
    None,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,
}
