using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

/// <summary>MP0002 at the boundary APIs other than targets: connection messages, queue items and manager proxies.</summary>
public sealed class MP0002_BoundaryApiTests
{
    private const string Advice = "; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type";

    private const string Job = """

        [Multiproc.ProcessSerializable]
        public sealed class Job
        {
            public int Id { get; set; }
            public object? Payload { get; set; }
        }
        """;

    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<NonSerializableTypeAnalyzer>.VerifyAsync(markup + Job, OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task ConnectionSend_ReportedOnTheCalledNameWithThePath()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Use
            {
                public static void Run(Connection connection) => connection.{|MP0002:Send|}(new Job());
            }
            """);

        Assert.Equal("The value sent by 'Connection.Send<Job>' is not serializable: Job → Job.Payload: object" + Advice, d[0].GetMessage());
    }

    [Fact]
    public async Task ConnectionRecv_ReportedOnTheGenericName()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Use
            {
                public static object Run(Connection connection) => connection.{|MP0002:Recv<object>|}();
            }
            """);

        Assert.Equal("The value received by 'Connection.Recv<object>' is not serializable: object" + Advice, d[0].GetMessage());
    }

    [Fact]
    public async Task AsyncForms_Reported() => await Verify("""
        using System.IO;
        using System.Threading.Tasks;
        using Multiproc;
        public static class Use
        {
            public static async Task Run(Connection connection)
            {
                await connection.{|MP0002:SendAsync|}(Stream.Null);
                _ = await connection.{|MP0002:RecvAsync<Job>|}();
            }
        }
        """);

    [Fact]
    public async Task ProcessQueueOfObject_ReportedOnTheConstructedType()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Use
            {
                public static void Run()
                {
                    using var queue = new {|MP0002:ProcessQueue<object>|}();
                }
            }
            """);

        Assert.Equal("The item type of 'ProcessQueue<object>' is not serializable: object" + Advice, d[0].GetMessage());
    }

    [Fact]
    public async Task QueueFactoriesAndOtherQueueKinds_Reported() => await Verify("""
        using Multiproc;
        public static class Use
        {
            public static void Run()
            {
                using var a = Multiprocessing.{|MP0002:Queue<Job>|}();
                using var b = Multiprocessing.{|MP0002:JoinableQueue<object>|}();
                using var c = Multiprocessing.{|MP0002:SimpleQueue<object>|}();
                using var d = new {|MP0002:JoinableProcessQueue<Job>|}();
                using var e = new {|MP0002:SimpleProcessQueue<Job>|}();
            }
        }
        """);

    [Fact]
    public async Task QueueOfObjectAsTargetParameterAndField_Reported() => await Verify("""
        using Multiproc;
        public static class Work
        {
            private static {|MP0002:ProcessQueue<object>|}? s_queue;

            [ProcessTarget]
            public static void Drain({|MP0002:ProcessQueue<object>|} queue) => s_queue = queue;
        }
        """);

    [Fact]
    public async Task SerializableAndOpenUses_NoDiagnostic() => await Verify("""
        using System.Collections.Generic;
        using Multiproc;

        [ProcessSerializable]
        public sealed record Point(int X, int Y);

        public static class Use
        {
            public static void Run(Connection connection)
            {
                connection.Send(new Point(1, 2));
                connection.Send(42);
                _ = connection.Recv<List<Point>>();
                using var queue = new ProcessQueue<Dictionary<string, Point>>();
                using var jobs = Multiprocessing.JoinableQueue<string>();
            }
        }

        public sealed class Holder<T>
        {
            public ProcessQueue<T>? Queue { get; set; }
            public T Receive(Connection connection) => connection.Recv<T>();
        }
        """);

    [Fact]
    public async Task ManagerContainers_ReportedOnTheCallWithThePath()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Use
            {
                public static void Run(SyncManager manager)
                {
                    var jobs = manager.{|MP0002:List<Job>|}();
                    var byName = manager.{|MP0002:Dict<string, object>|}();
                    var ok = manager.Queue<int>();
                }
            }
            """);

        Assert.Equal("The item type of 'SyncManager.List<Job>' is not serializable: Job → Job.Payload: object" + Advice, d[0].GetMessage());
        Assert.Equal("The value type of 'SyncManager.Dict<string, object>' is not serializable: object" + Advice, d[1].GetMessage());
    }

    [Fact]
    public async Task ManagerProxyTypesAndNamespaceValues_Reported() => await Verify("""
        using Multiproc;
        public static class Use
        {
            public static void Run(NamespaceProxy ns, {|MP0002:ValueProxy<object>|} value)
            {
                ns.{|MP0002:Set|}("job", new Job());
                ns.Set("count", 3);
            }
        }
        """);
}
