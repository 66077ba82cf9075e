using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0091_NonSerializableSharedValueTests
{
    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<SharedInterfaceAnalyzer>.VerifyAsync(markup, OutputKind.DynamicallyLinkedLibrary);

    private static async Task VerifyMessages(string markup, params string[] messages)
    {
        Diagnostic[] d = await Verify(markup);
        Assert.Equal(messages, d.Select(x => x.GetMessage()).ToArray());
    }

    [Fact]
    public async Task NonSerializableParameterResultAndProperty_ReportedOnTheirTypes() => await VerifyMessages("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Multiproc;

        public class Job
        {
            public Action Callback { get; set; } = () => { };
        }

        [SharedInterface]
        public interface IWork
        {
            void Add({|MP0091:Job|} job);
            {|MP0091:Stream|} Next();
            {|MP0091:Task<object>|} PeekAsync(CancellationToken cancellationToken);
            {|MP0091:object|} Current { get; }
            IWork Child();
        }
        """,
        "Parameter 'job' of shared method 'IWork.Add' is not serializable: Job; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type",
        "The result of shared method 'IWork.Next' is not serializable: Stream; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type",
        "The result of shared method 'IWork.PeekAsync' is not serializable: object; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type",
        "Property 'IWork.Current' is not serializable: object; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type");

    [Fact]
    public async Task SharedInterfaceInsideAValue_Reported_BecauseTheServedObjectHoldsNoProxies() => await VerifyMessages("""
        using System.Collections.Generic;
        using Multiproc;

        [SharedInterface]
        public interface ITree
        {
            ITree Child(string name);
            {|MP0091:List<ITree>|} Children();
        }
        """,
        "The result of shared method 'ITree.Children' is not serializable: List<ITree> → ITree; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type");
}
