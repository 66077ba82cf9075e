using Microsoft.CodeAnalysis.Text;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MarkupTests
{
    [Fact]
    public void NestedMarkers_SpansInCleanSource()
    {
        (string source, IReadOnlyList<ExpectedDiagnostic> expected) = Markup.Parse("a {|MP0002:b {|MP0001:c|} d|} e");

        Assert.Equal("a b c d e", source);
        Assert.Equal(
            [new ExpectedDiagnostic("MP0001", new TextSpan(4, 1)), new ExpectedDiagnostic("MP0002", new TextSpan(2, 5))],
            expected);
    }

    [Fact]
    public void BracesAndPipesOutsideMarkers_AreSource()
    {
        (string source, IReadOnlyList<ExpectedDiagnostic> expected) = Markup.Parse("if (a || b) { x = y | z; }");

        Assert.Equal("if (a || b) { x = y | z; }", source);
        Assert.Empty(expected);
    }

    [Fact]
    public void UnclosedMarker_Throws() =>
        Assert.Throws<FormatException>(() => Markup.Parse("{|MP0001:never closed"));
}
