using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class DescriptorHygieneTests
{
    private static readonly string[] s_allowedCategories = ["Usage", "Reliability", "Performance"];

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (DiagnosticDescriptor descriptor in DiagnosticDescriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_FollowsConventions(string id)
    {
        DiagnosticDescriptor descriptor = Assert.Single(DiagnosticDescriptors.All, d => d.Id == id);
        Assert.Matches(new Regex("^MP\\d{4}$"), descriptor.Id);
        Assert.Contains(descriptor.Category, s_allowedCategories);
        Assert.Equal($"{DiagnosticDescriptors.HelpLinkBase}/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IsListedInAnalyzerReleasesWithItsCategoryAndSeverity(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        string[] rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(RepoRoot(), "src", "Analyzers", file)))
            .Where(line => line.StartsWith(id + " ", StringComparison.Ordinal))
            .ToArray();
        string row = Assert.Single(rows);
        string[] cells = row.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
        Assert.Equal(descriptor.HelpLinkUri, cells[3]);
    }

    [Fact]
    public void Descriptors_HaveNoDuplicateIds()
    {
        string[] ids = DiagnosticDescriptors.All.Select(d => d.Id).ToArray();
        Assert.Equal(ids.Distinct().Count(), ids.Length);
    }

    [Fact]
    public void EveryAnalyzerDescriptor_IsInTheDescriptorList()
    {
        DiagnosticDescriptor[] supported = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .ToArray();
        Assert.NotEmpty(supported);
        Assert.All(supported, d => Assert.Contains(d, DiagnosticDescriptors.All));
    }

    [Fact]
    public void EveryDocumentedId_HasADescriptor()
    {
        string[] documented = Directory.GetFiles(Path.Combine(RepoRoot(), "docs", "diagnostics"), "MP*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .ToArray()!;
        Assert.All(documented, id => Assert.Contains(id, DiagnosticDescriptors.All.Select(d => d.Id)));
    }

    [Fact]
    public void EveryCodeFix_IsExportedSharedAndBatchFixable()
    {
        Type[] fixes = typeof(Multiproc.Analyzers.CodeFixes.AddEntryPointGuardCodeFix).Assembly.GetTypes()
            .Where(t => typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .ToArray();
        Assert.NotEmpty(fixes);
        foreach (Type type in fixes)
        {
            var export = type.GetCustomAttribute<Microsoft.CodeAnalysis.CodeFixes.ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal([LanguageNames.CSharp], export.Languages);
            Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());
            var fix = (Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.Same(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer, fix.GetFixAllProvider());
            Assert.All(fix.FixableDiagnosticIds, id => Assert.Contains(id, DiagnosticDescriptors.All.Select(d => d.Id)));
        }
    }

    private static string RepoRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
