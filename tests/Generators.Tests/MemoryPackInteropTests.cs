using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Generators.Tests;

/// <summary>
/// MemoryPack interop in the generator: a <c>[MemoryPackable]</c> type is encoded by MemoryPack only in a
/// compilation that references MemoryPack; elsewhere an attribute of that name means nothing.
/// </summary>
public sealed class MemoryPackInteropTests
{
    private const string Source = """
        using Multiproc;

        namespace Demo
        {
            [MemoryPack.MemoryPackable]
            internal partial class Point
            {
                public int X { get; set; }
                public int Y { get; set; }
            }

            [MemoryPack.MemoryPackable]
            internal partial class Unused
            {
                public string? Name { get; set; }
            }

            internal static class Work
            {
                [ProcessTarget]
                public static Point Move(Point p, int dx) => p;
            }
        }
        """;

    private static readonly MetadataReference MemoryPackReference =
        MetadataReference.CreateFromFile(typeof(MemoryPack.MemoryPackSerializer).Assembly.Location);

    [Fact]
    public void With_MemoryPack_referenced_MemoryPackable_types_delegate_to_it_and_are_registered()
    {
        GeneratorOutput output = Run(Source, [MemoryPackReference]);

        Assert.Equal(SerializableKind.MemoryPack, ProcessTargetRules.Classify(output.Compilation.GetTypeByMetadataName("Demo.Point")!, output.Compilation));
        foreach (string type in new[] { "Point", "Unused" })
        {
            string serializer = Assert.Single(output.Result.GeneratedSources, s => s.HintName.Contains(type, StringComparison.Ordinal) && s.HintName.StartsWith("Serializers.", StringComparison.Ordinal)).SourceText.ToString();
            Assert.Contains("global::MemoryPack.MemoryPackSerializer.Serialize(value);", serializer, StringComparison.Ordinal);
            Assert.Contains("global::MemoryPack.MemoryPackSerializer.Deserialize(bytes, ref value);", serializer, StringComparison.Ordinal);
            Assert.Contains("WireFormatException", serializer, StringComparison.Ordinal);
        }

        string table = string.Concat(output.Result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("WireSerializer<global::Demo.Unused>.Register(", table, StringComparison.Ordinal);
        Assert.Contains("Spawn", string.Join(",", output.Result.GeneratedSources.Select(s => s.HintName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_MemoryPack_an_attribute_of_that_name_does_not_make_a_type_serializable()
    {
        const string LookAlike = """
            namespace MemoryPack
            {
                [System.AttributeUsage(System.AttributeTargets.Class)]
                internal sealed class MemoryPackableAttribute : System.Attribute { }
            }
            """;
        GeneratorOutput output = Run(Source.Replace("namespace Demo", LookAlike + "\nnamespace Demo", StringComparison.Ordinal));

        INamedTypeSymbol point = output.Compilation.GetTypeByMetadataName("Demo.Point")!;
        Assert.Equal(SerializableKind.None, ProcessTargetRules.Classify(point, output.Compilation));
        Assert.Equal("Point", ProcessTargetRules.FindNonSerializable(point, output.Compilation));
        Assert.DoesNotContain(output.Result.GeneratedSources, s => s.SourceText.ToString().Contains("MemoryPackSerializer", StringComparison.Ordinal));
    }

    /// <summary>
    /// <see cref="GeneratorHarness.Run"/>, but with the SDK's default <c>NoWarn</c> of CS1701/CS1702 (MemoryPack's
    /// assembly was built against an older System.Memory, unified here as in every SDK build).
    /// </summary>
    private static GeneratorOutput Run(string source, MetadataReference[]? references = null)
    {
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation input = GeneratorHarness.CreateCompilation([source], references: references);
        input = input.WithOptions(input.Options.WithSpecificDiagnosticOptions(input.Options.SpecificDiagnosticOptions
            .SetItem("CS1701", ReportDiagnostic.Suppress).SetItem("CS1702", ReportDiagnostic.Suppress)));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return new GeneratorOutput(driver.GetRunResult().Results.Single(), output);
    }
}
