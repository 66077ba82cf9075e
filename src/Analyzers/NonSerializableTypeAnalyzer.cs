using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0002: a value that must cross a process boundary cannot be serialized. Checked in two places, with the
/// generator's own rule (<see cref="ProcessTargetRules.FindNonSerializable"/>):
/// <list type="bullet">
/// <item>each parameter type (on the parameter's type) and the result type (on the return type) of a
/// <c>[ProcessTarget]</c> method; <c>ref</c>/<c>out</c>, pointer and ref struct parameters are left to the
/// target-shape rules;</item>
/// <item>each argument of a <c>Spawn.*</c> call whose value reaches the parameter by a reference conversion
/// (a derived class, an interface implementation), on the argument expression: only the parameter's type is
/// serialized, so the argument's own type must be serializable too. Other conversions run in the parent and
/// are fine.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NonSerializableTypeAnalyzer : ProcessTargetAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NonSerializableType);

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, MultiprocSymbols symbols)
    {
        INamedTypeSymbol? options = context.Compilation.GetTypeByMetadataName("Multiproc.ProcessOptions");
        context.RegisterSymbolAction(symbolContext => AnalyzeTarget(symbolContext, symbols), SymbolKind.Method);
        context.RegisterOperationAction(operationContext => AnalyzeSpawnCall(operationContext, symbols, options), OperationKind.Invocation);
    }

    private static void AnalyzeTarget(SymbolAnalysisContext context, MultiprocSymbols symbols)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!IsTarget(method, symbols)
            || method.DeclaringSyntaxReferences.IsEmpty
            || method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return;
        }

        string target = $"'{method.ContainingType.Name}.{method.Name}'";
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (parameter.RefKind != RefKind.None || IsRefLikeOrPointer(parameter.Type) || parameter.Ordinal >= declaration.ParameterList.Parameters.Count)
            {
                continue;
            }

            if (!ContainsErrorType(parameter.Type)
                && ProcessTargetRules.FindNonSerializable(parameter.Type, context.Compilation) is { } path
                && declaration.ParameterList.Parameters[parameter.Ordinal].Type is { } type)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NonSerializableType, type.GetLocation(),
                    $"Parameter '{parameter.Name}' of process target {target}", path));
            }
        }

        if (ProcessTargetRules.GetResultType(method) is { } result
            && !method.ReturnsByRef && !method.ReturnsByRefReadonly && !IsRefLikeOrPointer(result) && !ContainsErrorType(result)
            && ProcessTargetRules.FindNonSerializable(result, context.Compilation) is { } resultPath)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NonSerializableType, declaration.ReturnType.GetLocation(),
                $"The result of process target {target}", resultPath));
        }
    }

    private static void AnalyzeSpawnCall(OperationAnalysisContext context, MultiprocSymbols symbols, INamedTypeSymbol? options)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (method.ContainingType?.Name != MultiprocSymbols.SpawnClassName || !symbols.StartsProcess(method))
        {
            return;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit
                || argument.Parameter is not { } parameter
                || SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, options)
                || ValueType(argument.Value, context.CancellationToken) is not { } type
                || ContainsErrorType(type)
                || ProcessTargetRules.FindNonSerializable(type, context.Compilation) is not { } path)
            {
                continue;
            }

            SyntaxNode location = argument.Syntax is ArgumentSyntax syntax ? syntax.Expression : argument.Syntax;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NonSerializableType, location.GetLocation(),
                $"Argument '{parameter.Name}' passed to process target '{method.Name}'", path));
        }
    }

    /// <summary>
    /// The type whose serializability matters for an argument: its own type when it reaches the parameter
    /// unchanged or by a reference conversion; null after any other conversion (numeric, nullable,
    /// user-defined: the converted value is what travels, and it has the parameter's type).
    /// </summary>
    private static ITypeSymbol? ValueType(IOperation value, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (value is IConversionOperation { IsImplicit: true } conversion)
        {
            return conversion.Conversion.IsReference && !conversion.Conversion.IsIdentity ? conversion.Operand.Type : null;
        }

        return value.Type;
    }

    /// <summary>A type the compiler could not bind (already an error of its own) is not reported again.</summary>
    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } named => named.TypeArguments.Any(ContainsErrorType),
        _ => false,
    };

    private static bool IsRefLikeOrPointer(ITypeSymbol type) =>
        type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;
}
