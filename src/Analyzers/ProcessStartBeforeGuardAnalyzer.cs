using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0003: in an executable, a process started (<c>Process.Start</c>/<c>StartAsync</c>, a generated
/// <c>Spawn.*</c> starter) or a <c>Pool</c> created (its constructor starts the workers) directly in code
/// that runs before the entry point's guard: a static constructor, a static field or property initializer,
/// a <c>[ModuleInitializer]</c> method. Reported on the invocation or creation expression. Calls in lambdas
/// and local functions there, and starts reached through other methods, are not seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProcessStartBeforeGuardAnalyzer : DiagnosticAnalyzer
{
    private const string ModuleInitializerName = "System.Runtime.CompilerServices.ModuleInitializerAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ProcessStartBeforeGuard);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication)
                || MultiprocSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            INamedTypeSymbol? moduleInitializer = start.Compilation.GetTypeByMetadataName(ModuleInitializerName);
            start.RegisterOperationAction(
                context => Analyze(context, symbols, moduleInitializer),
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, MultiprocSymbols symbols, INamedTypeSymbol? moduleInitializer)
    {
        string? what = context.Operation switch
        {
            // Process.Create only makes a process object; starting it later, after the guard, is fine.
            IInvocationOperation invocation when symbols.StartsProcess(invocation.TargetMethod)
                && (invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).Name != "Create" => "Process started",
            IObjectCreationOperation creation when symbols.IsPool(creation.Type) => "Pool created",
            _ => null,
        };
        if (what is null
            || IsInFunction(context.Operation)
            || EarlyCode(context.ContainingSymbol, moduleInitializer) is not { } where)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ProcessStartBeforeGuard, context.Operation.Syntax.GetLocation(), what, where));
    }

    /// <summary>Whether the operation is in a lambda or local function, which runs only when called.</summary>
    private static bool IsInFunction(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How the message names <paramref name="symbol"/> when its code runs before the guard; otherwise null.</summary>
    private static string? EarlyCode(ISymbol symbol, INamedTypeSymbol? moduleInitializer) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.StaticConstructor } method =>
            $"static constructor of '{TargetDisplay.Type(method.ContainingType)}'",
        IMethodSymbol { IsStatic: true } method when MultiprocSymbols.HasAttribute(method, moduleInitializer) =>
            $"module initializer '{TargetDisplay.Member(method)}'",
        IFieldSymbol { IsStatic: true } field => $"initializer of static field '{TargetDisplay.Member(field)}'",
        IPropertySymbol { IsStatic: true } property => $"initializer of static property '{TargetDisplay.Member(property)}'",
        _ => null,
    };
}
