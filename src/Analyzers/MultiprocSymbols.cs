using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using System.Threading;

namespace Multiproc.Analyzers;

/// <summary>The runtime's symbols the rules look for, resolved once per compilation.</summary>
internal sealed class MultiprocSymbols
{
    /// <summary>Metadata name of the class holding the guard.</summary>
    public const string MultiprocessingName = "Multiproc.Multiprocessing";

    /// <summary>Name of the guard method.</summary>
    public const string GuardMethodName = "TryRunChild";

    /// <summary>Name of the generated starter classes.</summary>
    public const string SpawnClassName = "Spawn";

    private MultiprocSymbols(INamedTypeSymbol multiprocessing, INamedTypeSymbol process, INamedTypeSymbol? processTarget, INamedTypeSymbol? pool)
    {
        Multiprocessing = multiprocessing;
        Process = process;
        ProcessTargetAttribute = processTarget;
        Pool = pool;
    }

    /// <summary><c>Multiproc.Multiprocessing</c>.</summary>
    public INamedTypeSymbol Multiprocessing { get; }

    /// <summary><c>Multiproc.Process</c>.</summary>
    public INamedTypeSymbol Process { get; }

    /// <summary><c>Multiproc.ProcessTargetAttribute</c>, if the referenced runtime has it.</summary>
    public INamedTypeSymbol? ProcessTargetAttribute { get; }

    /// <summary><c>Multiproc.Pool</c>, if the referenced runtime has it.</summary>
    public INamedTypeSymbol? Pool { get; }

    /// <summary>Null when the compilation does not reference the Multiproc runtime.</summary>
    public static MultiprocSymbols? TryCreate(Compilation compilation)
    {
        INamedTypeSymbol? multiprocessing = compilation.GetTypeByMetadataName(MultiprocessingName);
        INamedTypeSymbol? process = compilation.GetTypeByMetadataName("Multiproc.Process");
        return multiprocessing is null || process is null
            ? null
            : new MultiprocSymbols(multiprocessing, process,
                compilation.GetTypeByMetadataName("Multiproc.ProcessTargetAttribute"),
                compilation.GetTypeByMetadataName("Multiproc.Pool"));
    }

    /// <summary>
    /// Whether calling <paramref name="method"/> starts (or creates) a child process:
    /// <c>Process.Start</c>/<c>StartAsync</c>/<c>Create</c>, or a static method of a class named <c>Spawn</c>
    /// that returns a <c>Process</c> (the generated starters).
    /// </summary>
    public bool StartsProcess(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, Process))
        {
            return method.Name is "Start" or "StartAsync" or "Create";
        }

        return method.IsStatic
            && method.ContainingType is { Name: SpawnClassName }
            && IsProcess(method.ReturnType);
    }

    /// <summary>Whether <paramref name="type"/> is <c>Multiproc.Pool</c>.</summary>
    public bool IsPool(ITypeSymbol? type) => Pool is not null && SymbolEqualityComparer.Default.Equals(type, Pool);

    /// <summary>Whether <paramref name="method"/> is marked <c>[ProcessTarget]</c>.</summary>
    public bool IsProcessTarget(IMethodSymbol method) => HasAttribute(method, ProcessTargetAttribute);

    /// <summary>Whether <paramref name="symbol"/> carries an attribute of class <paramref name="attributeClass"/>; false when that is null.</summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null)
        {
            return false;
        }

        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="expression"/> (parentheses aside) is a call of <c>Multiprocessing.TryRunChild</c>.</summary>
    public bool IsGuardCall(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression is not InvocationExpressionSyntax invocation
            || invocation.Expression is not (IdentifierNameSyntax { Identifier.ValueText: GuardMethodName }
                or MemberAccessExpressionSyntax { Name.Identifier.ValueText: GuardMethodName }))
        {
            return false;
        }

        return model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: GuardMethodName } method
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, Multiprocessing);
    }

    /// <summary>Whether <paramref name="type"/> is <c>Multiproc.Process</c> or derives from it (<c>Process&lt;T&gt;</c>).</summary>
    public bool IsProcess(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, Process))
            {
                return true;
            }
        }

        return false;
    }
}
