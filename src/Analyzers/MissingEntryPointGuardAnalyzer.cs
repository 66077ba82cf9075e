using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Multiproc.Analyzers;

/// <summary>
/// MP0001: the entry point of a program that starts processes must call
/// <c>Multiprocessing.TryRunChild</c> as its first statement. A program "starts processes" when it is an
/// executable and anywhere calls <c>Process.Start</c>/<c>StartAsync</c>/<c>Create</c> or a generated
/// <c>Spawn.*</c> method, or declares a <c>[ProcessTarget]</c> method. The rule needs the whole compilation,
/// so it reports from a compilation-end action: on the <c>Main</c> identifier, or for top-level statements
/// on the first statement that is not a local function.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingEntryPointGuardAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The <see cref="Diagnostic.Properties"/> key telling the fixer what is wrong.</summary>
    public const string GuardStateKey = "GuardState";

    /// <summary><see cref="GuardStateKey"/> value: the entry point never calls the guard.</summary>
    public const string Missing = "Missing";

    /// <summary>
    /// <see cref="GuardStateKey"/> value: the guard comes after other statements. When the late guard is an
    /// <c>if</c> statement directly in the entry point's body, its location is the diagnostic's only
    /// additional location.
    /// </summary>
    public const string Late = "Late";

    /// <summary>The name the entry point has in messages when it is made of top-level statements.</summary>
    internal const string TopLevelStatementsName = "top-level statements";

    private const string MissingText = "does not call Multiprocessing.TryRunChild";
    private const string LateText = "calls Multiprocessing.TryRunChild after other statements, but the guard must come first";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingEntryPointGuard);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        OutputKind kind = context.Compilation.Options.OutputKind;
        if (kind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
        {
            return;
        }

        if (MultiprocSymbols.TryCreate(context.Compilation) is not { } symbols)
        {
            return;
        }

        var state = new CompilationState(symbols);
        context.RegisterOperationAction(state.OnInvocationOrReference, OperationKind.Invocation, OperationKind.MethodReference);
        context.RegisterSymbolAction(state.OnMethod, SymbolKind.Method);
        context.RegisterOperationBlockAction(state.OnOperationBlock);
        context.RegisterCompilationEndAction(state.OnCompilationEnd);
    }

    /// <summary>What one compilation has seen so far; the actions run concurrently.</summary>
    private sealed class CompilationState(MultiprocSymbols symbols)
    {
        private readonly ConcurrentDictionary<IMethodSymbol, Diagnostic?> _entryPointCandidates = new(SymbolEqualityComparer.Default);
        private int _startsProcesses;

        public void OnInvocationOrReference(OperationAnalysisContext context)
        {
            if (Volatile.Read(ref _startsProcesses) != 0)
            {
                return;
            }

            IMethodSymbol? method = context.Operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };
            if (method is not null && symbols.StartsProcess(method))
            {
                Volatile.Write(ref _startsProcesses, 1);
            }
        }

        public void OnMethod(SymbolAnalysisContext context)
        {
            if (Volatile.Read(ref _startsProcesses) == 0 && symbols.IsProcessTarget((IMethodSymbol)context.Symbol))
            {
                Volatile.Write(ref _startsProcesses, 1);
            }
        }

        public void OnOperationBlock(OperationBlockAnalysisContext context)
        {
            if (context.OwningSymbol is not IMethodSymbol { IsStatic: true } method
                || method.Name is not ("Main" or WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
                || context.OperationBlocks.IsEmpty)
            {
                return;
            }

            SemanticModel model = context.OperationBlocks[0].SemanticModel!;
            foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
            {
                SyntaxNode node = reference.GetSyntax(context.CancellationToken);
                if (EntryPointBody.TryGet(node) is { } body)
                {
                    _entryPointCandidates[method] = Check(method, body, model, context.CancellationToken);
                    return;
                }
            }
        }

        public void OnCompilationEnd(CompilationAnalysisContext context)
        {
            if (Volatile.Read(ref _startsProcesses) == 0
                || context.Compilation.GetEntryPoint(context.CancellationToken) is not { } entryPoint
                || !_entryPointCandidates.TryGetValue(entryPoint, out Diagnostic? diagnostic)
                || diagnostic is null)
            {
                return;
            }

            context.ReportDiagnostic(diagnostic);
        }

        /// <summary>Null when the guard is the first statement, otherwise the diagnostic to report.</summary>
        private Diagnostic? Check(IMethodSymbol method, EntryPointBody body, SemanticModel model, CancellationToken cancellationToken)
        {
            // Any first statement that calls the guard is fine: the canonical `if`, or
            // `bool child = Multiprocessing.TryRunChild(out int code);` followed by `if (child) return code;`.
            StatementSyntax? first = body.FirstExecutableStatement;
            if (first is not null && FindGuardCall(first, model, cancellationToken) is not null)
            {
                return null;
            }

            string name = body.IsTopLevel ? TopLevelStatementsName : method.ContainingType.ToDisplayString() + ".Main";
            Location location = body.Location;
            StatementSyntax? late = FindLateGuard(body, model, cancellationToken, out bool movable);
            if (late is null)
            {
                return Diagnostic.Create(DiagnosticDescriptors.MissingEntryPointGuard, location, null,
                    ImmutableDictionary<string, string?>.Empty.Add(GuardStateKey, Missing), name, MissingText);
            }

            Location[] additional = movable ? [late.GetLocation()] : [];
            return Diagnostic.Create(DiagnosticDescriptors.MissingEntryPointGuard, location, additional,
                ImmutableDictionary<string, string?>.Empty.Add(GuardStateKey, Late), name, LateText);
        }

        /// <summary>
        /// The top-level statement of the body holding a guard call, if any; <paramref name="movable"/> says
        /// whether it is itself the guard <c>if</c> (which the fixer can move up).
        /// </summary>
        private StatementSyntax? FindLateGuard(EntryPointBody body, SemanticModel model, CancellationToken cancellationToken, out bool movable)
        {
            foreach (StatementSyntax statement in body.Statements)
            {
                if (statement is not LocalFunctionStatementSyntax && FindGuardCall(statement, model, cancellationToken) is not null)
                {
                    movable = statement is IfStatementSyntax ifStatement
                        && symbols.IsGuardCall(ifStatement.Condition, model, cancellationToken);
                    return statement;
                }
            }

            movable = false;
            return null;
        }

        /// <summary>A guard call run by <paramref name="statement"/> itself (not by a lambda or local function in it).</summary>
        private InvocationExpressionSyntax? FindGuardCall(StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken) =>
            statement
                .DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(invocation => symbols.IsGuardCall(invocation, model, cancellationToken));
    }
}
