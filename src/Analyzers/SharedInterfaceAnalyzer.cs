using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0090 and MP0091: what keeps the generator from making a manager proxy for a <c>[SharedInterface]</c>, with the
/// generator's own rules (<see cref="SharedInterfaceRules"/>). MP0090 is reported on the member's name (on the
/// interface's name for a generic interface or for a member inherited from a base interface); MP0091 on the type of
/// the parameter, result or property that cannot be serialized.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedInterfaceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnproxiableSharedMember, DiagnosticDescriptors.NonSerializableSharedValue);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(SharedInterfaceRules.SharedInterfaceAttribute) is not null)
            {
                start.RegisterSymbolAction(Analyze, SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!SharedInterfaceRules.IsShared(type) || type.Locations.IsEmpty)
        {
            return;
        }

        string name = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (SharedInterfaceRules.CheckInterface(type) is { } problem)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnproxiableSharedMember, type.Locations[0], $"Shared interface '{name}'", problem, name));
            return;
        }

        foreach (ISymbol member in SharedInterfaceRules.ProxiedMembers(type))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            bool own = SymbolEqualityComparer.Default.Equals(member.ContainingType, type);
            if (SharedInterfaceRules.CheckMember(member) is { } why)
            {
                Location location = own && !member.Locations.IsEmpty ? member.Locations[0] : type.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnproxiableSharedMember, location,
                    $"Member '{member.ContainingType.Name}.{member.Name}' of shared interface '{name}'", why, name));
                continue;
            }

            foreach ((string what, ITypeSymbol valueType, ISymbol anchor) in SharedInterfaceRules.CrossingValues(member))
            {
                if (valueType.TypeKind == TypeKind.Error || ProcessTargetRules.FindNonSerializable(valueType, context.Compilation, sharedInterfaces: false, out _) is not { } path)
                {
                    continue;
                }

                Location location = own ? TypeLocation(anchor, context.CancellationToken) ?? type.Locations[0] : type.Locations[0];
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NonSerializableSharedValue, location, what, path));
            }
        }
    }

    /// <summary>The type syntax of a parameter, method return or property.</summary>
    private static Location? TypeLocation(ISymbol anchor, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode? syntax = anchor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        return syntax switch
        {
            ParameterSyntax { Type: { } t } => t.GetLocation(),
            MethodDeclarationSyntax method => method.ReturnType.GetLocation(),
            PropertyDeclarationSyntax property => property.Type.GetLocation(),
            _ => null,
        };
    }
}
