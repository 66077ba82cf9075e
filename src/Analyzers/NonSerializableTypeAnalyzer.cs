using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
/// <item>each closed use of another boundary API (<see cref="ProcessBoundary"/>): a call of
/// <c>Connection.Send/Recv(Async)&lt;T&gt;</c> or <c>Multiprocessing.Queue/JoinableQueue/SimpleQueue&lt;T&gt;</c>,
/// on the called name (<c>Send</c>, <c>Recv&lt;Job&gt;</c>); any written <c>ProcessQueue&lt;T&gt;</c>,
/// <c>JoinableProcessQueue&lt;T&gt;</c> or <c>SimpleProcessQueue&lt;T&gt;</c> type (a construction, a field, a
/// parameter), on that generic name.</item>
/// </list>
/// When what cannot cross is a thread-only primitive (<see cref="ThreadOnlyPrimitives"/>), the message names
/// the process-safe type; when the diagnostic is on a type written as exactly that primitive, the
/// <see cref="ThreadOnlyPrimitives.ReplacementKey"/> property lets the code fix swap it.
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
        context.RegisterOperationAction(AnalyzeBoundaryCall, OperationKind.Invocation);
        context.RegisterSyntaxNodeAction(AnalyzeBoundaryType, SyntaxKind.GenericName);
    }

    private static void AnalyzeBoundaryCall(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.Syntax is not InvocationExpressionSyntax syntax)
        {
            return;
        }

        SyntaxNode name = syntax.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            var other => other,
        };
        foreach ((ITypeSymbol type, string role, _) in ProcessBoundary.FindCrossings(invocation.TargetMethod))
        {
            Report(context.ReportDiagnostic, context.Compilation, type, name, role, typeSyntax: null);
        }
    }

    private static void AnalyzeBoundaryType(SyntaxNodeAnalysisContext context)
    {
        var name = (GenericNameSyntax)context.Node;
        if (!ProcessBoundary.IsCandidateName(name.Identifier.ValueText)
            || context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol is not INamedTypeSymbol type)
        {
            return;
        }

        foreach ((ITypeSymbol crossing, string role, int index) in ProcessBoundary.FindCrossings(type))
        {
            TypeSyntax? argument = index < name.TypeArgumentList.Arguments.Count ? name.TypeArgumentList.Arguments[index] : null;
            Report(context.ReportDiagnostic, context.Compilation, crossing, name, role, argument);
        }
    }

    /// <summary>
    /// Reports MP0002 on <paramref name="location"/> when <paramref name="type"/> cannot cross. <paramref name="typeSyntax"/>
    /// is where <paramref name="type"/> is written, if it is: when it is exactly a thread-only primitive, the
    /// diagnostic carries the replacement for the code fix.
    /// </summary>
    private static void Report(System.Action<Diagnostic> report, Compilation compilation, ITypeSymbol type, SyntaxNode location, string value, TypeSyntax? typeSyntax)
    {
        if (ContainsErrorType(type) || ProcessTargetRules.FindNonSerializable(type, compilation, out ITypeSymbol? offender) is not { } path)
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        if (typeSyntax is not null && SymbolEqualityComparer.Default.Equals(offender, type)
            && ThreadOnlyPrimitives.ReplacementFor(offender) is { } replacement)
        {
            properties = properties
                .Add(ThreadOnlyPrimitives.ReplacementKey, replacement)
                .Add(FixSpanStartKey, typeSyntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add(FixSpanLengthKey, typeSyntax.Span.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        report(Diagnostic.Create(DiagnosticDescriptors.NonSerializableType, location.GetLocation(), properties, value, path, ThreadOnlyPrimitives.Advice(offender)));
    }

    /// <summary>Property keys of the span of the type the code fix replaces (it may lie inside the diagnostic's span).</summary>
    internal const string FixSpanStartKey = "FixSpanStart", FixSpanLengthKey = "FixSpanLength";

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

            if (declaration.ParameterList.Parameters[parameter.Ordinal].Type is { } type)
            {
                Report(context.ReportDiagnostic, context.Compilation, parameter.Type, type, $"Parameter '{parameter.Name}' of process target {target}", type);
            }
        }

        if (ProcessTargetRules.GetResultType(method) is { } result
            && !method.ReturnsByRef && !method.ReturnsByRefReadonly && !IsRefLikeOrPointer(result))
        {
            Report(context.ReportDiagnostic, context.Compilation, result, declaration.ReturnType, $"The result of process target {target}",
                SymbolEqualityComparer.Default.Equals(result, method.ReturnType) ? declaration.ReturnType : null);
        }
    }

    private static void AnalyzeSpawnCall(OperationAnalysisContext context, MultiprocSymbols symbols, INamedTypeSymbol? options)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol method = invocation.TargetMethod;
        if (method.ContainingType?.Name != MultiprocSymbols.SpawnClassName || !symbols.StartsProcess(method) || IsPlaceholder(method))
        {
            return;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit
                || argument.Parameter is not { } parameter
                || SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, options)
                || ValueType(argument.Value, context.CancellationToken) is not { } type)
            {
                continue;
            }

            SyntaxNode location = argument.Syntax is ArgumentSyntax syntax ? syntax.Expression : argument.Syntax;
            Report(context.ReportDiagnostic, context.Compilation, type, location, $"Argument '{parameter.Name}' passed to process target '{method.Name}'", typeSyntax: null);
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

    /// <summary>
    /// The generated stand-in of a skipped target (error-obsolete; the call does not compile, and the target's
    /// own MP0002 or MP0010 already explains why): its arguments are not judged.
    /// </summary>
    private static bool IsPlaceholder(IMethodSymbol method) =>
        method.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute"
            && a.ConstructorArguments.Length == 2 && a.ConstructorArguments[1].Value is true);

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
