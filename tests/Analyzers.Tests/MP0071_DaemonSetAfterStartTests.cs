using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0071_DaemonSetAfterStartTests
{
    private const string Targets = """
        public static class Work
        {
            [Multiproc.ProcessTarget]
            public static void Greet(string message) { }

            [Multiproc.ProcessTarget]
            public static int Square(int x) => x * x;
        }
        """;

    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<DaemonSetAfterStartAnalyzer>.VerifyAsync(markup + "\n" + Targets, OutputKind.DynamicallyLinkedLibrary);

    private static string Message(string process, string start) =>
        $"Daemon of process '{process}' is set after {process}.{start}() started it: the setter throws 'process has already started' "
        + $"(Python: AssertionError: process has already started); set Daemon before {start}()";

    [Fact]
    public async Task DaemonAfterStart_ReportsAssignmentTargetWithMessage()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Jobs
            {
                public static void Run()
                {
                    Process p = Process.Create(Targets.Greet, "hi");
                    p.Start();
                    {|MP0071:p.Daemon|} = true;
                    p.Join();
                }
            }
            """);

        Assert.Equal(
            "Daemon of process 'p' is set after p.Start() started it: the setter throws 'process has already started' "
            + "(Python: AssertionError: process has already started); set Daemon before Start()",
            d[0].GetMessage());
    }

    [Fact]
    public async Task DaemonAfterStartAsync_Reported()
    {
        Diagnostic[] d = await Verify("""
            using System.Threading.Tasks;
            using Multiproc;
            public static class Jobs
            {
                public static async Task RunAsync()
                {
                    var worker = Process.Create(Targets.Greet, "hi");
                    await worker.StartAsync();
                    {|MP0071:worker.Daemon|} = false;
                }
            }
            """);

        Assert.Equal(Message("worker", "StartAsync"), d[0].GetMessage());
    }

    [Fact]
    public async Task ProcessOfT_DaemonAfterStartInABranch_Reported() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static int Run(bool now)
            {
                Process<int> square = Process.Create(Targets.Square, 3);
                if (now)
                {
                    square.Start();
                }

                {|MP0071:square.Daemon|} = true;
                return 0;
            }
        }
        """);

    [Fact]
    public async Task DaemonBeforeStart_NoDiagnostic() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static void Run()
            {
                Process p = Process.Create(Targets.Greet, "hi");
                p.Daemon = true;
                p.Start();
                p.Join();
            }
        }
        """);

    [Fact]
    public async Task DaemonOnADifferentLocal_NoDiagnostic() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static void Run()
            {
                Process first = Process.Create(Targets.Greet, "one");
                Process second = Process.Create(Targets.Greet, "two");
                first.Start();
                second.Daemon = true;
                second.Start();
            }
        }
        """);

    [Fact]
    public async Task NameSetAndDaemonReadAfterStart_NoDiagnostic() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static bool Run()
            {
                Process p = Process.Create(Targets.Greet, "hi");
                p.Start();
                p.Name = "greeter";
                return p.Daemon;
            }
        }
        """);

    [Fact]
    public async Task FieldOrParameter_NoDiagnostic() => await Verify("""
        using Multiproc;
        public sealed class Jobs
        {
            private readonly Process _worker = Process.Create(Targets.Greet, "hi");

            public void Run(Process other)
            {
                _worker.Start();
                _worker.Daemon = true;
                other.Start();
                other.Daemon = true;
            }
        }
        """);

    [Fact]
    public async Task LocalUsedInLambdaOrPassedOn_NoDiagnostic() => await Verify("""
        using System;
        using Multiproc;
        public static class Jobs
        {
            public static void Run(Action<Action> later, Action<Process> keep)
            {
                Process p = Process.Create(Targets.Greet, "hi");
                p.Start();
                later(() => p.Join());
                p.Daemon = true;

                Process q = Process.Create(Targets.Greet, "hi");
                q.Start();
                keep(q);
                q.Daemon = true;
            }
        }
        """);
}
