using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Managers;

/// <summary>Turns a <c>[SharedInterface]</c> symbol into a <see cref="SharedInterfaceModel"/>, or null when it has a problem the analyzers report.</summary>
internal static class SharedInterfaceParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static SharedInterfaceModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } type || SharedInterfaceRules.CheckInterface(type) is not null)
        {
            return null;
        }

        var members = new List<SharedMemberModel>();
        var signatures = new List<string>();
        foreach (ISymbol member in SharedInterfaceRules.ProxiedMembers(type))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SharedInterfaceRules.CheckMember(member) is not null
                || SharedInterfaceRules.CrossingValues(member).Any(v => ProcessTargetRules.FindNonSerializable(v.Type, context.SemanticModel.Compilation, sharedInterfaces: false, out _) is not null))
            {
                return null;
            }

            string signature = member.GetDocumentationCommentId() ?? member.ToDisplayString();
            signatures.Add(signature);
            members.Add(member is IPropertySymbol property ? Property(property, signature) : Method((IMethodSymbol)member, signature));
        }

        signatures.Sort(System.StringComparer.Ordinal);
        string displayName = type.ToDisplayString();
        ulong id = Fnv1a.Hash(displayName + "|" + string.Join("|", signatures));
        string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        return new SharedInterfaceModel(
            ns,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            displayName,
            displayName.Replace('<', '_').Replace('>', '_').Replace(',', '_'),
            id,
            new EquatableArray<SharedMemberModel>(members.ToArray()));
    }

    private static SharedMemberModel Property(IPropertySymbol property, string signature) => new(
        IsProperty: true,
        Name: property.Name,
        DeclaringInterface: property.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
        Type: property.Type.ToDisplayString(TypeFormat),
        Result: SharedInterfaceRules.IsShared(property.Type) ? SharedResultKind.Shared : SharedResultKind.Value,
        ValueType: property.Type.ToDisplayString(TypeFormat),
        MethodId: property.GetMethod is null ? 0 : MethodId(signature + ".get"),
        SetterId: property.SetMethod is null ? 0 : MethodId(signature + ".set"),
        HasGetter: property.GetMethod is not null,
        Parameters: EquatableArray<SharedParameterModel>.Empty,
        HasCancellationToken: false);

    private static SharedMemberModel Method(IMethodSymbol method, string signature)
    {
        AsyncKind asyncKind = SharedInterfaceRules.GetAsyncKind(method.ReturnType);
        string? valueType = asyncKind is AsyncKind.TaskOfT or AsyncKind.ValueTaskOfT
            ? ((INamedTypeSymbol)method.ReturnType).TypeArguments[0].ToDisplayString(TypeFormat)
            : method.ReturnsVoid ? null : method.ReturnType.ToDisplayString(TypeFormat);
        SharedResultKind result = asyncKind switch
        {
            AsyncKind.Task => SharedResultKind.Task,
            AsyncKind.TaskOfT => SharedResultKind.TaskOfValue,
            AsyncKind.ValueTask => SharedResultKind.ValueTask,
            AsyncKind.ValueTaskOfT => SharedResultKind.ValueTaskOfValue,
            _ when method.ReturnsVoid => SharedResultKind.Void,
            _ when SharedInterfaceRules.IsShared(method.ReturnType) => SharedResultKind.Shared,
            _ => SharedResultKind.Value,
        };
        SharedParameterModel[] parameters = method.Parameters
            .Select(static p => new SharedParameterModel(SyntaxFacts.GetKeywordKind(p.Name) != SyntaxKind.None ? "@" + p.Name : p.Name, p.Type.ToDisplayString(TypeFormat)))
            .ToArray();
        return new SharedMemberModel(
            IsProperty: false,
            Name: method.Name,
            DeclaringInterface: method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Type: method.ReturnsVoid ? "void" : method.ReturnType.ToDisplayString(TypeFormat),
            Result: result,
            ValueType: valueType,
            MethodId: MethodId(signature),
            SetterId: 0,
            HasGetter: false,
            Parameters: new EquatableArray<SharedParameterModel>(parameters),
            HasCancellationToken: method.Parameters.Length > 0 && SharedInterfaceRules.IsCancellationToken(method.Parameters[method.Parameters.Length - 1].Type));
    }

    /// <summary>A member's id: the low 31 bits of the FNV-1a hash of its documentation-comment id (never 0).</summary>
    private static int MethodId(string signature) => (int)(Fnv1a.Hash(signature) & 0x7FFF_FFFF) | 1;
}
