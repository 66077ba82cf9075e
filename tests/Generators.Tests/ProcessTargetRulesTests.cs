using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Generators.Tests;

/// <summary>The shared rules the generator and the analyzers decide with.</summary>
public sealed class ProcessTargetRulesTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Multiproc;

        namespace Demo
        {
            [ProcessSerializable]
            sealed class Job
            {
                public int Id { get; set; }
                public object? Payload { get; set; }
            }

            [ProcessSerializable]
            sealed class Wrapper
            {
                public List<object>? Items { get; set; }
            }

            [ProcessSerializable]
            sealed class Node
            {
                public Node? Next { get; set; }
                public List<Node>? Children { get; set; }
            }

            [ProcessSerializable]
            sealed class NoConstructor
            {
                public NoConstructor(string unrelated) { }
                public int Value { get; set; }
            }

            sealed class Plain
            {
                public int Value { get; set; }
            }

            class Work
            {
                [ProcessTarget] public static void Valid(int x) { }
                [ProcessTarget] public void Instance() { }
                [ProcessTarget] public static void Generic<T>() { }
                [ProcessTarget] public static void ByRef(ref int x) { }
                [ProcessTarget] public static void Spanned(Span<byte> x) { }
                [ProcessTarget] public static void Pointer(nint x) { }
                [ProcessTarget] private static void Hidden() { }
                [ProcessTarget] public static ref int RefReturn() => throw null!;
                [ProcessTarget] public static void Spawn() { }
                [ProcessTarget] public static new string ToString() => "";
                private static class Nested { [ProcessTarget] public static void InPrivate() { } }
            }

            class Generic<T>
            {
                [ProcessTarget] public static void InGeneric() { }
            }
        }
        """;

    private static readonly Lazy<Compilation> s_compilation = new(() => GeneratorHarness.CreateCompilation([Source]));

    [Theory]
    [InlineData("Demo.Work.Valid", nameof(TargetShapeProblem.None))]
    [InlineData("Demo.Work.Instance", nameof(TargetShapeProblem.NotStatic))]
    [InlineData("Demo.Work.Generic", nameof(TargetShapeProblem.Generic))]
    [InlineData("Demo.Generic`1.InGeneric", nameof(TargetShapeProblem.Generic))]
    [InlineData("Demo.Work.ByRef", nameof(TargetShapeProblem.RefLikeParameter))]
    [InlineData("Demo.Work.Spanned", nameof(TargetShapeProblem.RefLikeParameter))]
    [InlineData("Demo.Work.Hidden", nameof(TargetShapeProblem.None))]
    [InlineData("Demo.Work+Nested.InPrivate", nameof(TargetShapeProblem.None))]
    [InlineData("Demo.Work.RefReturn", nameof(TargetShapeProblem.RefLikeReturn))]
    [InlineData("Demo.Work.Spawn", nameof(TargetShapeProblem.ReservedName))]
    [InlineData("Demo.Work.ToString", nameof(TargetShapeProblem.ReservedName))]
    public void CheckShape_NamesTheProblem(string method, string expected)
    {
        Assert.Equal(expected, ProcessTargetRules.CheckShape(Method(method), s_compilation.Value).ToString());
    }

    [Theory]
    [InlineData("Demo.Job", "Job → Job.Payload: object")]
    [InlineData("Demo.Wrapper", "Wrapper → Wrapper.Items: List<object> → object")]
    [InlineData("Demo.Plain", "Plain")]
    [InlineData("Demo.NoConstructor", "NoConstructor")]
    [InlineData("Demo.Node", null)]
    public void FindNonSerializable_GivesThePathToTheOffender(string type, string? expected)
    {
        Assert.Equal(expected, ProcessTargetRules.FindNonSerializable(Type(type), s_compilation.Value));
    }

    [Fact]
    public void FindNonSerializable_LooksThroughCollectionElements()
    {
        Compilation compilation = s_compilation.Value;
        INamedTypeSymbol list = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1")!;
        INamedTypeSymbol dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!;
        ITypeSymbol obj = compilation.GetSpecialType(SpecialType.System_Object);
        ITypeSymbol str = compilation.GetSpecialType(SpecialType.System_String);

        Assert.Equal("List<Job> → Job.Payload: object", ProcessTargetRules.FindNonSerializable(list.Construct(Type("Demo.Job")), compilation));
        Assert.Equal("Dictionary<object, string> → object", ProcessTargetRules.FindNonSerializable(dictionary.Construct(obj, str), compilation));
        Assert.Equal("object", ProcessTargetRules.FindNonSerializable(obj, compilation));
        Assert.Null(ProcessTargetRules.FindNonSerializable(list.Construct(str), compilation));
        Assert.Null(ProcessTargetRules.FindNonSerializable(compilation.CreateArrayTypeSymbol(Type("Demo.Node")), compilation));
        Assert.Equal("int[,]", ProcessTargetRules.FindNonSerializable(compilation.CreateArrayTypeSymbol(compilation.GetSpecialType(SpecialType.System_Int32), 2), compilation));
    }

    private static INamedTypeSymbol Type(string metadataName) => s_compilation.Value.GetTypeByMetadataName(metadataName)!;

    private static IMethodSymbol Method(string name)
    {
        int dot = name.LastIndexOf('.');
        return Type(name[..dot]).GetMembers(name[(dot + 1)..]).OfType<IMethodSymbol>().Single();
    }
}
