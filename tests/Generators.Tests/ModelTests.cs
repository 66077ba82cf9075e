using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;
using Multiproc.Generators.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Generators.Tests;

/// <summary>Models are plain values: equal when built twice, and free of anything that roots a compilation.</summary>
public sealed class ModelTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Multiproc;

        namespace Demo
        {
            [ProcessSerializable]
            sealed record Job(int Id, string Name, Job? Parent);

            static class Work
            {
                [ProcessTarget]
                public static Dictionary<string, Job> Index(List<Job> jobs, (int, string?) pair) => new();
            }
        }
        """;

    private static readonly Type[] s_banned =
        [typeof(ISymbol), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(AttributeData)];

    [Fact]
    public void SameSourceParsedTwice_GivesEqualModels()
    {
        object[] first = Models(Source);
        object[] second = Models(Source);

        Assert.Equal(first, second);
        Assert.Equal(first.Select(m => m.GetHashCode()), second.Select(m => m.GetHashCode()));
        Assert.NotEmpty(first.OfType<ProcessTargetModel>());
        Assert.NotEmpty(first.OfType<DispatchTableModel>());
    }

    [Theory]
    [InlineData(typeof(ProcessTargetModel))]
    [InlineData(typeof(DispatchTableModel))]
    [InlineData(typeof(SerializerModel))]
    [InlineData(typeof(CrossingModel))]
    [InlineData(typeof(PlaceholderModel))]
    public void Models_HoldNoSymbolsSyntaxOrCollectionsComparedByReference(Type model)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([model]);
        while (pending.TryPop(out Type? type))
        {
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
            {
                continue;
            }

            Assert.False(s_banned.Any(b => b.IsAssignableFrom(type)), $"{model.Name} reaches {type}.");
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                pending.Push(type.GetGenericArguments()[0]);
                continue;
            }

            Assert.False(typeof(IEnumerable).IsAssignableFrom(type), $"{model.Name} holds {type}, which compares by reference.");
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                pending.Push(underlying);
                continue;
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                pending.Push(field.FieldType);
            }
        }
    }

    private static object[] Models(string source)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation([source]));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        return new[] { TrackingNames.Targets, TrackingNames.Serializers, TrackingNames.DispatchTable }
            .SelectMany(step => result.TrackedSteps[step])
            .SelectMany(run => run.Outputs)
            .Select(output => output.Value)
            .ToArray();
    }
}
