using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.CodeFixes;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

/// <summary>MP0002 names the process-safe counterpart of a thread-only primitive, and its code fix swaps the type.</summary>
public sealed class MP0002_ThreadOnlyPrimitiveTests
{
    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<NonSerializableTypeAnalyzer>.VerifyAsync(markup, OutputKind.DynamicallyLinkedLibrary);

    private static Task VerifyFix(string markup, string expected) =>
        CodeFixVerifier<NonSerializableTypeAnalyzer, UseProcessPrimitiveCodeFix>.VerifyAsync(
            markup, expected, nameof(UseProcessPrimitiveCodeFix), kind: OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task EachPrimitive_NamesItsReplacement()
    {
        Diagnostic[] d = await Verify("""
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Channels;
            using Multiproc;
            public static class Work
            {
                [ProcessTarget] public static void A({|MP0002:Lock|} gate) { }
                [ProcessTarget] public static void B({|MP0002:Mutex|} gate) { }
                [ProcessTarget] public static void C({|MP0002:SemaphoreSlim|} gate) { }
                [ProcessTarget] public static void D({|MP0002:Semaphore|} gate) { }
                [ProcessTarget] public static void E({|MP0002:ManualResetEvent|} done) { }
                [ProcessTarget] public static void F({|MP0002:ManualResetEventSlim|} done) { }
                [ProcessTarget] public static void G({|MP0002:AutoResetEvent|} done) { }
                [ProcessTarget] public static void H({|MP0002:Barrier|} barrier) { }
                [ProcessTarget] public static void I({|MP0002:ConcurrentQueue<int>|} items) { }
                [ProcessTarget] public static void J({|MP0002:Channel<string>|} items) { }
            }
            """);

        string[] expected =
        [
            "Parameter 'gate' of process target 'Work.A' is not serializable: Lock; 'Lock' only works between threads of one process; use Multiproc's 'ProcessLock', which works across processes and crosses as a handle",
            "Parameter 'gate' of process target 'Work.B' is not serializable: Mutex; 'Mutex' only works between threads of one process; use Multiproc's 'ProcessLock', which works across processes and crosses as a handle",
            "Parameter 'gate' of process target 'Work.C' is not serializable: SemaphoreSlim; 'SemaphoreSlim' only works between threads of one process; use Multiproc's 'ProcessSemaphore', which works across processes and crosses as a handle",
            "Parameter 'gate' of process target 'Work.D' is not serializable: Semaphore; 'Semaphore' only works between threads of one process; use Multiproc's 'ProcessSemaphore', which works across processes and crosses as a handle",
            "Parameter 'done' of process target 'Work.E' is not serializable: ManualResetEvent; 'ManualResetEvent' only works between threads of one process; use Multiproc's 'ProcessEvent', which works across processes and crosses as a handle",
            "Parameter 'done' of process target 'Work.F' is not serializable: ManualResetEventSlim; 'ManualResetEventSlim' only works between threads of one process; use Multiproc's 'ProcessEvent', which works across processes and crosses as a handle",
            "Parameter 'done' of process target 'Work.G' is not serializable: AutoResetEvent; 'AutoResetEvent' only works between threads of one process; use Multiproc's 'ProcessEvent', which works across processes and crosses as a handle",
            "Parameter 'barrier' of process target 'Work.H' is not serializable: Barrier; 'Barrier' only works between threads of one process; use Multiproc's 'ProcessBarrier', which works across processes and crosses as a handle",
            "Parameter 'items' of process target 'Work.I' is not serializable: ConcurrentQueue<int>; 'ConcurrentQueue' only works between threads of one process; use Multiproc's 'ProcessQueue<T>', which works across processes and crosses as a handle",
            "Parameter 'items' of process target 'Work.J' is not serializable: Channel<string>; 'Channel' only works between threads of one process; use Multiproc's 'ProcessQueue<T>', which works across processes and crosses as a handle",
        ];
        Assert.Equal(expected, d.Select(x => x.GetMessage()));
    }

    [Fact]
    public async Task PrimitiveInsideAMember_NamedAtTheEndOfThePath()
    {
        Diagnostic[] d = await Verify("""
            using System.Threading;
            using Multiproc;
            [ProcessSerializable]
            public sealed class Job
            {
                public SemaphoreSlim? Gate { get; set; }
            }

            public static class Work
            {
                [ProcessTarget] public static void Run({|MP0002:Job|} job) { }
            }
            """);

        Assert.Equal("Parameter 'job' of process target 'Work.Run' is not serializable: Job → Job.Gate: SemaphoreSlim; 'SemaphoreSlim' only works between threads of one process; use Multiproc's 'ProcessSemaphore', which works across processes and crosses as a handle", d[0].GetMessage());
    }

    [Fact]
    public Task SemaphoreSlimParameter_BecomesProcessSemaphore() => VerifyFix("""
        using System.Threading;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget]
            public static void Run({|MP0002:SemaphoreSlim|} gate, int id) => gate.Release();
        }
        """, """
        using System.Threading;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget]
            public static void Run(ProcessSemaphore gate, int id) => gate.Release();
        }
        """);

    [Fact]
    public Task ConcurrentQueueParameter_BecomesProcessQueueOfTheSameItem() => VerifyFix("""
        using System.Collections.Concurrent;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget]
            public static void Run({|MP0002:ConcurrentQueue<string>|} items) { }
        }
        """, """
        using System.Collections.Concurrent;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget]
            public static void Run(ProcessQueue<string> items) { }
        }
        """);

    [Fact]
    public Task LockAsQueueItemWithoutUsing_QualifiedReplacement() => VerifyFix("""
        public static class Work
        {
            public static void Run()
            {
                using var queue = new Multiproc.{|MP0002:ProcessQueue<System.Threading.Lock>|}();
            }
        }
        """, """
        public static class Work
        {
            public static void Run()
            {
                using var queue = new Multiproc.ProcessQueue<Multiproc.ProcessLock>();
            }
        }
        """);
}
