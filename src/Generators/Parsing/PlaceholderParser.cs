using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;

namespace Multiproc.Generators.Parsing;

/// <summary>
/// Decides which skipped targets get an error-obsolete <c>Spawn.X</c>/<c>Targets.X</c> (see
/// <see cref="Emitters.PlaceholderEmitter"/>), so that calling them gives one error that points at the
/// analyzer's explanation instead of a cascade of <c>CS0103</c>.
/// </summary>
internal static class PlaceholderParser
{
    /// <summary>
    /// A placeholder for a <c>[ProcessTarget]</c> method the generator skips for its shape (MP0010) or its types
    /// (MP0002); null for a valid target, and for one whose name could not be a member (<c>Spawn</c>,
    /// <c>ToString</c>…) or that has no name callers could write (an explicit interface implementation).
    /// Its name, namespace and the placeholder's types are decided later, with all targets known.
    /// </summary>
    public static PlaceholderModel? ParseInvalid(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.TargetNode is not MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null })
        {
            return null;
        }

        Compilation compilation = context.SemanticModel.Compilation;
        TargetShapeProblem problem = ProcessTargetRules.CheckShape(method, compilation);
        if (problem == TargetShapeProblem.ReservedName)
        {
            return null;
        }

        string rule;
        if (method.Parameters.Any(static p => HasError(p.Type)) || HasError(method.ReturnType))
        {
            rule = "the compiler error";
        }
        else if (problem != TargetShapeProblem.None)
        {
            rule = "MP0010";
        }
        else if (method.Parameters.Any(p => ProcessTargetRules.FindNonSerializable(p.Type, compilation) is not null)
            || (ProcessTargetRules.GetResultType(method) is { } result && ProcessTargetRules.FindNonSerializable(result, compilation) is not null))
        {
            rule = "MP0002";
        }
        else
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        string display = method.ContainingType.ToDisplayString() + "." + method.Name;
        string[] types = method.Parameters.Select(p => Writable(p.Type) && p.RefKind == RefKind.None ? p.Type.ToDisplayString(TypeNames.DeclaredFormat) : "object?").ToArray();
        ITypeSymbol? resultType = problem == TargetShapeProblem.RefLikeReturn ? null : ProcessTargetRules.GetResultType(method);
        string argumentsType = types.Length switch
        {
            0 => "global::System.ValueTuple",
            1 => types[0],
            _ => "(" + string.Join(", ", types) + ")",
        };
        return new PlaceholderModel(
            ProcessTargetRules.GetNamespace(method),
            TypeNames.Escape(method.Name),
            $"Process target '{display}' is not valid, so it has no starter or descriptor: {rule} at its declaration says why",
            method.Parameters.Select((p, i) => types[i] + " " + TypeNames.Escape(p.Name)).ToEquatableArray(),
            AnyArguments: false,
            argumentsType,
            problem == TargetShapeProblem.RefLikeReturn ? "object?" : resultType is null ? "global::System.ValueTuple" : Writable(resultType) ? resultType.ToDisplayString(TypeNames.DeclaredFormat) : "object?",
            HintName: string.Empty);
    }

    /// <summary>
    /// The placeholders to emit: one per name two or more valid targets of a namespace share (MP0011), and one
    /// per name of skipped targets that no valid target of the namespace has. Sorted; each with its file name
    /// and the namespace's class accessibility (public when a valid, uniquely named target there is public).
    /// </summary>
    public static EquatableArray<PlaceholderModel> Build(ImmutableArray<ProcessTargetModel> valid, ImmutableArray<PlaceholderModel> invalid)
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (ProcessTargetModel target in valid)
        {
            counts.TryGetValue((target.Namespace, target.MethodName), out int count);
            counts[(target.Namespace, target.MethodName)] = count + 1;
        }

        var publicNamespaces = new HashSet<string>(
            valid.Where(t => t.IsPublic && counts[(t.Namespace, t.MethodName)] == 1).Select(static t => t.Namespace), StringComparer.Ordinal);
        IEnumerable<PlaceholderModel> clashes = counts.Where(static c => c.Value > 1).Select(static c => new PlaceholderModel(
            c.Key.Item1,
            c.Key.Item2,
            $"Process targets named '{c.Key.Item2.TrimStart('@')}' share that name in {(c.Key.Item1.Length == 0 ? "the global namespace" : "namespace '" + c.Key.Item1 + "'")}, so none has a starter or descriptor: MP0011 at their declarations says why",
            EquatableArray<string>.Empty,
            AnyArguments: true,
            "object?",
            "object?",
            string.Empty));
        IEnumerable<PlaceholderModel> skipped = invalid
            .Where(p => !counts.ContainsKey((p.Namespace, p.MethodName)))
            .GroupBy(static p => (p.Namespace, p.MethodName))
            .Select(static g => g.OrderBy(static p => p.Message, StringComparer.Ordinal).First());
        return clashes.Concat(skipped)
            .OrderBy(static p => p.Namespace, StringComparer.Ordinal)
            .ThenBy(static p => p.MethodName, StringComparer.Ordinal)
            .Select(p => p with
            {
                ClassesArePublic = publicNamespaces.Contains(p.Namespace),
                HintName = "Spawn." + (p.Namespace.Length == 0 ? string.Empty : p.Namespace + ".") + p.MethodName.TrimStart('@') + ".NoTarget.g.cs",
            })
            .ToEquatableArray();
    }

    /// <summary>Whether the compiler could not bind <paramref name="type"/> or a part of it (its own error explains the target).</summary>
    private static bool HasError(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => HasError(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(HasError),
        _ => false,
    };

    /// <summary>Whether generated code at namespace level can write <paramref name="type"/> as a type argument.</summary>
    private static bool Writable(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error or TypeKind.TypeParameter or TypeKind.Pointer or TypeKind.FunctionPointer } => false,
        { IsRefLikeType: true } => false,
        IArrayTypeSymbol array => Writable(array.ElementType),
        INamedTypeSymbol named => ProcessTargetRules.GetEffectiveAccessibility(named) != Accessibility.Private
            && named.TypeArguments.All(Writable),
        _ => true,
    };
}
