using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0090_SharedInterfaceTests
{
    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<SharedInterfaceAnalyzer>.VerifyAsync(markup, OutputKind.DynamicallyLinkedLibrary);

    private static async Task VerifyMessages(string markup, params string[] messages)
    {
        Diagnostic[] d = await Verify(markup);
        Assert.Equal(messages, d.Select(x => x.GetMessage()).ToArray());
    }

    [Fact]
    public async Task ValidSharedInterface_NoDiagnostic() => await Verify("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Multiproc;

        [SharedInterface]
        public interface ICounter : IDisposable
        {
            string Name { get; set; }
            int Value { get; }
            int Increment(int by);
            void Reset();
            Task<int> AddAsync(int by, CancellationToken cancellationToken);
            ValueTask ClearAsync();
            ICounter Child(string name);
            List<string> Names(Dictionary<string, int> filter);
        }

        public interface INotShared
        {
            event EventHandler Changed;
            T Get<T>();
        }
        """);

    [Fact]
    public async Task UnproxiableMembers_ReportedOnTheirNames() => await VerifyMessages("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Multiproc;

        [SharedInterface]
        public interface IFeed
        {
            event EventHandler {|MP0090:Changed|};
            T {|MP0090:Get|}<T>();
            void {|MP0090:Read|}(out int value);
            int {|MP0090:this|}[int index] { get; }
            void {|MP0090:Link|}(IFeed other);
            void {|MP0090:Wait|}(CancellationToken token);
            Task<IFeed> {|MP0090:NextAsync|}();
            int Fine(int x);
        }
        """,
        "Member 'IFeed.Changed' of shared interface 'IFeed' cannot be proxied: an event cannot be proxied (the manager cannot call back into this process); poll, or pass a queue; the generator makes no proxy for 'IFeed'",
        "Member 'IFeed.Get' of shared interface 'IFeed' cannot be proxied: a generic method cannot be proxied (the manager cannot pick its type arguments); the generator makes no proxy for 'IFeed'",
        "Member 'IFeed.Read' of shared interface 'IFeed' cannot be proxied: parameter 'value' is 'ref', 'out' or 'in', which cannot cross to the manager; the generator makes no proxy for 'IFeed'",
        "Member 'IFeed.this[]' of shared interface 'IFeed' cannot be proxied: an indexer cannot be proxied; use a method; the generator makes no proxy for 'IFeed'",
        "Member 'IFeed.Link' of shared interface 'IFeed' cannot be proxied: parameter 'other' is a shared interface; a proxy cannot be sent to the manager (pass the data instead); the generator makes no proxy for 'IFeed'",
        "Member 'IFeed.Wait' of shared interface 'IFeed' cannot be proxied: parameter 'token': a CancellationToken is only allowed last, in a method returning Task or ValueTask; the generator makes no proxy for 'IFeed'",
        "Member 'IFeed.NextAsync' of shared interface 'IFeed' cannot be proxied: an asynchronous method cannot return a shared interface; return it synchronously; the generator makes no proxy for 'IFeed'");

    [Fact]
    public async Task GenericInterface_AndInheritedMembers_ReportedOnTheInterfaceName() => await VerifyMessages("""
        using System;
        using Multiproc;

        [SharedInterface]
        public interface {|MP0090:IRepository|}<T>
        {
            T Get(int id);
        }

        public interface IBase
        {
            event EventHandler Changed;
        }

        [SharedInterface]
        public interface {|MP0090:IDerived|} : IBase
        {
            int Value();
        }
        """,
        "Shared interface 'IRepository<T>' cannot be proxied: a generic interface cannot be shared (its proxy could not be made for every type argument); share a closed, non-generic interface; the generator makes no proxy for 'IRepository<T>'",
        "Member 'IBase.Changed' of shared interface 'IDerived' cannot be proxied: an event cannot be proxied (the manager cannot call back into this process); poll, or pass a queue; the generator makes no proxy for 'IDerived'");
}
