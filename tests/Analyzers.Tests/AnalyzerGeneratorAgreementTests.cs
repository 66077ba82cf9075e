using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

/// <summary>
/// The generator skips silently and the analyzers explain: every <c>[ProcessTarget]</c> the generator leaves
/// out of <c>Spawn</c> must be flagged by an analyzer, and no target it keeps may be.
/// </summary>
public sealed class AnalyzerGeneratorAgreementTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        using Multiproc;

        namespace Demo
        {
            public class Work : IJob
            {
                [ProcessTarget] public static void Valid(int id) { }
                [ProcessTarget] internal static Task<string> ValidAsync(string s) => Task.FromResult(s);
                [ProcessTarget] public void Instance() { }
                [ProcessTarget] public static void Generic<T>() { }
                [ProcessTarget] public static void ByRef(ref int x) { }
                [ProcessTarget] public static void Spanned(Span<byte> buffer) { }
                [ProcessTarget] public static ReadOnlySpan<char> SpanResult() => default;
                [ProcessTarget] private static void Hidden() { }
                [ProcessTarget] public static void Spawn() { }
                public static int Value { [ProcessTarget] get => 1; }
                [ProcessTarget] void IJob.Run() { }
                [ProcessTarget] public static void NotSerializable(object payload) { }

                [ProcessTarget] public static void Overloaded(int x) { }
                [ProcessTarget] public static void Overloaded(string x) { }

                [ProcessTarget] public static void Shared() { }

                // A namesake with a shape problem does not count: Other.Kept keeps its starter.
                [ProcessTarget] public void Kept() { }

                public static void Main()
                {
                    [ProcessTarget] static void Local() { }
                    Action lambda = [ProcessTarget] () => { };
                    Local();
                    lambda();
                }
            }

            public interface IJob
            {
                void Run();
            }

            public interface IStatic
            {
                [ProcessTarget] static abstract void Abstract();
            }

            public static class Other
            {
                [ProcessTarget] public static void Shared() { }
                [ProcessTarget] public static void Kept() { }
            }

            public partial class Parts
            {
                [ProcessTarget] public static partial void SplitValid(int x);
                public static partial void SplitValid(int x) { }

                [ProcessTarget] public partial void SplitInstance();
                public partial void SplitInstance() { }
            }

            public static class Generic<T>
            {
                [ProcessTarget] public static void InGeneric() { }
            }
        }

        namespace Elsewhere
        {
            public static class Work
            {
                [ProcessTarget] public static void Shared() { }
            }
        }
        """;

    [Fact]
    public async Task TargetsMissingFromSpawn_AreExactlyTheTargetsTheAnalyzersFlag()
    {
        Compilation compilation = MultiprocTest.CompileWithGenerators([Source], OutputKind.DynamicallyLinkedLibrary);
        SyntaxTree input = compilation.SyntaxTrees.Single(t => t.FilePath == "/0/Test0.cs");
        SyntaxNode[] targets = FindTargets(compilation, input);

        // Kept: the targets the generated dispatch table calls.
        HashSet<SyntaxNode> kept = compilation.SyntaxTrees.Where(t => t != input)
            .SelectMany(t => CalledTargets(compilation, t, targets))
            .ToHashSet();

        // The Spawn classes hold exactly the kept targets' names, per namespace (besides the error-obsolete
        // stand-ins of skipped targets, which no call can compile against).
        string[] spawnMembers = compilation.SyntaxTrees.Where(t => t != input)
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(c => c.Identifier.ValueText == "Spawn")
            .SelectMany(c => c.Members.OfType<MethodDeclarationSyntax>()
                .Where(m => !m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().EndsWith("ObsoleteAttribute", StringComparison.Ordinal)))
                .Select(m => NamespaceOf(c) + "." + m.Identifier.ValueText))
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] keptNames = kept
            .Select(n => NamespaceOf(n) + "." + ((MethodDeclarationSyntax)n).Identifier.ValueText)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["Demo.Hidden", "Demo.Kept", "Demo.SplitValid", "Demo.Valid", "Demo.ValidAsync", "Elsewhere.Shared"], keptNames);
        Assert.Equal(keptNames, spawnMembers);

        // Flagged: the targets the analyzers report on (MP0002 explains the non-serializable one).
        var flagged = new HashSet<SyntaxNode>();
        foreach (DiagnosticAnalyzer analyzer in new DiagnosticAnalyzer[] { new InvalidTargetShapeAnalyzer(), new DuplicateTargetNameAnalyzer(), new NonSerializableTypeAnalyzer() })
        {
            foreach (Diagnostic diagnostic in await MultiprocTest.AnalyzeAsync(compilation, analyzer))
            {
                Assert.Equal(input, diagnostic.Location.SourceTree);
                flagged.Add(targets.Where(t => t.Span.Contains(diagnostic.Location.SourceSpan)).MinBy(t => t.Span.Length)!);
            }
        }

        string[] missing = targets.Where(t => !kept.Contains(t)).Select(Describe).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(missing, flagged.Select(Describe).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(targets.Length - kept.Count, missing.Length);
        Assert.Equal(19, missing.Length);
    }

    /// <summary>The declarations carrying <c>[ProcessTarget]</c>: methods, accessors, local functions, lambdas.</summary>
    private static SyntaxNode[] FindTargets(Compilation compilation, SyntaxTree input)
    {
        SemanticModel model = compilation.GetSemanticModel(input);
        INamedTypeSymbol attribute = compilation.GetTypeByMetadataName("Multiproc.ProcessTargetAttribute")!;
        return input.GetRoot().DescendantNodes().OfType<AttributeSyntax>()
            .Where(a => SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(a).Type, attribute))
            .Select(a => a.Parent!.Parent!)
            .ToArray();
    }

    private static IEnumerable<SyntaxNode> CalledTargets(Compilation compilation, SyntaxTree generated, SyntaxNode[] targets)
    {
        SemanticModel model = compilation.GetSemanticModel(generated);
        foreach (InvocationExpressionSyntax invocation in generated.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            IMethodSymbol? called = model.GetSymbolInfo(invocation).Symbol as IMethodSymbol;
            if (called is { DeclaringSyntaxReferences: { IsEmpty: false } references }
                && targets.FirstOrDefault(t => t == references[0].GetSyntax()) is { } target)
            {
                yield return target;
            }

            // A private target is called through an [UnsafeAccessor] extern method naming it.
            if (called?.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "UnsafeAccessorAttribute") is { } accessor
                && accessor.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value is string name)
            {
                yield return Assert.Single(targets, t => t is MethodDeclarationSyntax m && m.Identifier.ValueText == name);
            }
        }
    }

    private static string NamespaceOf(SyntaxNode node) =>
        node.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? "";

    private static string Describe(SyntaxNode node) => $"{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {node.ToString().Split('\n')[0].Trim()}";
}
