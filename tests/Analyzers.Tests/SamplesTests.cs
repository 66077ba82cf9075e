using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

/// <summary>
/// No false positives on real programs: each of the repository's samples compiles, after the generator ran,
/// with every Multiproc analyzer on and no Multiproc diagnostic (nor any compiler error).
/// </summary>
public sealed class SamplesTests
{
    /// <summary>The implicit usings of an SDK console project (<c>ImplicitUsings</c>, which the samples enable).</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (string directory in Directory.GetDirectories(Path.Combine(RepositoryRoot(), "samples")).Order(StringComparer.Ordinal))
        {
            if (Directory.EnumerateFiles(directory, "*.cs").Any())
            {
                data.Add(Path.GetFileName(directory));
            }
        }

        return data;
    }

    /// <summary>
    /// The libraries samples use beyond Multiproc: Spectre.Console, and the distributed pool with NATS.Net and
    /// the logging abstractions it brings (from this test's output folder, where the project references put them).
    /// </summary>
    private static IEnumerable<MetadataReference> SampleLibraries() =>
        new[] { typeof(Spectre.Console.AnsiConsole).Assembly.Location, typeof(Multiproc.Distributed.DistributedPool).Assembly.Location }
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "NATS.*.dll"))
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll"))
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));

    [Fact]
    public void EverySampleIsChecked() => Assert.True(Samples().Count >= 8, $"found only {Samples().Count} samples");

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_CompilesWithNoMultiprocDiagnostic(string sample)
    {
        string directory = Path.Combine(RepositoryRoot(), "samples", sample);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "GlobalUsings.g.cs"))
            .ToArray();
        Compilation compilation = CSharpCompilation.Create(sample, trees,
            [.. MultiprocTest.References, .. SampleLibraries()],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        CSharpGeneratorDriver.Create(MultiprocTest.CreateGenerators(), parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));

        DiagnosticAnalyzer[] analyzers = typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();
        Assert.Equal(
            DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal),
            analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal));
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([.. analyzers]).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(diagnostics.Where(d => d.Id.StartsWith(DiagnosticIds.Prefix, StringComparison.Ordinal)).Select(d => d.ToString()));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "samples")) && File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (with samples/) not found above " + AppContext.BaseDirectory);
    }
}
