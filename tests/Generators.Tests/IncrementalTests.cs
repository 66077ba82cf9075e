using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Generators.Tests;

/// <summary>The pipeline caches: reruns do no work, unrelated edits change nothing, real changes flow through.</summary>
public sealed class IncrementalTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Multiproc;

        namespace Demo
        {
            [ProcessSerializable]
            sealed record Job(int Id, string Name);

            static class Work
            {
                [ProcessTarget]
                public static int Square(int x) => x * x;

                [ProcessTarget]
                public static List<Job> Jobs(int count) => new();

                public static void Send(Connection connection) => connection.Send(new Dictionary<int, Job>());
            }
        }
        """;

    private static readonly string[] s_steps =
        [TrackingNames.Targets, TrackingNames.UniqueTargets, TrackingNames.SerializableTypes, TrackingNames.Serializers, TrackingNames.ReferencedTables, TrackingNames.DispatchTable, TrackingNames.Crossings, TrackingNames.CrossingTypes];

    [Fact]
    public void SameCompilationTwice_AllStepsCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([Source]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult second = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (string step in s_steps)
        {
            Assert.All(Reasons(second, step), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void UnrelatedEdit_LeavesEveryStepUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([Source, "class Unrelated { }"]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        SyntaxTree old = compilation.SyntaxTrees.Last();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText("class Unrelated { int _field; }", GeneratorHarness.ParseOptions, old.FilePath));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in s_steps)
        {
            Assert.All(Reasons(second, step), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EditInsideTargetBody_LeavesModelsUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([Source]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = Replace(compilation, "x * x", "x * x + 0");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(Reasons(second, TrackingNames.Targets), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.All(Reasons(second, TrackingNames.DispatchTable), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
    }

    [Fact]
    public void ParameterTypeChange_ModifiesTheTargetAndTable()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([Source]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = Replace(compilation, "int Square(int x)", "int Square(long x)");
        edited = Replace(edited, "x * x", "(int)x");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Targets));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.DispatchTable));
    }

    [Fact]
    public void MemberTypeChange_ModifiesTheSerializers()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([Source]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = Replace(compilation, "record Job(int Id, string Name)", "record Job(long Id, string Name)");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Serializers));
    }

    [Fact]
    public void SentTypeChange_ModifiesTheCrossingsAndTheTable()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([Source]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = Replace(compilation, "new Dictionary<int, Job>()", "new Dictionary<long, Job>()");
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Crossings));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.CrossingTypes));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.DispatchTable));
        Assert.Contains(second.GeneratedSources, s => s.HintName.StartsWith("Serializers.Dictionary_Int64_Job", StringComparison.Ordinal));
    }

    [Fact]
    public void MemberTypeChangeInAnotherFile_ModifiesTheTargetThatUsesIt()
    {
        const string target = """
            using Multiproc;

            static class Work
            {
                [ProcessTarget]
                public static void Handle(Demo.Job job) { }
            }
            """;
        const string job = "namespace Demo { [Multiproc.ProcessSerializable] sealed record Job(int Id); }";
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([target, job]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        ulong schema = SchemaOf(driver.GetRunResult().Results.Single());
        SyntaxTree old = compilation.SyntaxTrees.Last();

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(job.Replace("int Id", "long Id"), GeneratorHarness.ParseOptions, old.FilePath));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Targets));
        Assert.NotEqual(schema, SchemaOf(second));
    }

    private static ulong SchemaOf(GeneratorRunResult result) =>
        ((Model.ProcessTargetModel)result.TrackedSteps[TrackingNames.Targets].Single().Outputs.Single().Value).Entry.SchemaHash;

    private static CSharpCompilation Replace(CSharpCompilation compilation, string from, string to)
    {
        SyntaxTree tree = compilation.SyntaxTrees.First();
        string text = tree.GetText().ToString();
        Assert.Contains(from, text);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text.Replace(from, to), GeneratorHarness.ParseOptions, tree.FilePath));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"Step {step} did not run.");
        return runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToArray();
    }
}
