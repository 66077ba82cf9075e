using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0070_PoolJoinWithoutCloseTests
{
    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<PoolJoinWithoutCloseAnalyzer>.VerifyAsync(markup, OutputKind.DynamicallyLinkedLibrary);

    private static string Message(string pool, string join) =>
        $"Pool '{pool}' is joined without Close() or Terminate() before it: {join}() throws 'Pool is still running' "
        + $"(Python: ValueError: Pool is still running); call {pool}.Close() first";

    [Fact]
    public async Task Join_WithoutClose_ReportsJoinNameWithMessage()
    {
        Diagnostic[] d = await Verify("""
            using Multiproc;
            public static class Jobs
            {
                public static void Run()
                {
                    var pool = new Pool(2);
                    pool.{|MP0070:Join|}();
                }
            }
            """);

        Assert.Equal(
            "Pool 'pool' is joined without Close() or Terminate() before it: Join() throws 'Pool is still running' "
            + "(Python: ValueError: Pool is still running); call pool.Close() first",
            d[0].GetMessage());
    }

    [Fact]
    public async Task JoinAsync_WithoutClose_Reported()
    {
        Diagnostic[] d = await Verify("""
            using System.Threading.Tasks;
            using Multiproc;
            public static class Jobs
            {
                public static async Task RunAsync()
                {
                    using Pool workers = new(2);
                    await workers.{|MP0070:JoinAsync|}();
                }
            }
            """);

        Assert.Equal(Message("workers", "JoinAsync"), d[0].GetMessage());
    }

    [Fact]
    public async Task CloseBeforeJoin_NoDiagnostic() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static void Run()
            {
                using var pool = new Pool(2);
                pool.Close();
                pool.Join();
            }
        }
        """);

    [Fact]
    public async Task TerminateBeforeJoinAsync_NoDiagnostic() => await Verify("""
        using System.Threading.Tasks;
        using Multiproc;
        public static class Jobs
        {
            public static async Task RunAsync()
            {
                var pool = new Pool(2);
                pool.Terminate();
                await pool.JoinAsync();
            }
        }
        """);

    [Fact]
    public async Task CloseInABranchBeforeJoin_NoDiagnostic() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static void Run(bool drain)
            {
                var pool = new Pool(2);
                if (drain)
                {
                    pool.Close();
                }
                else
                {
                    pool.Terminate();
                }

                pool.Join();
            }
        }
        """);

    [Fact]
    public async Task CloseAfterJoin_Reported() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static void Run()
            {
                var pool = new Pool(2);
                pool.{|MP0070:Join|}();
                pool.Close();
                pool.Join();
            }
        }
        """);

    [Fact]
    public async Task CloseOnAnotherPool_Reported() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static void Run()
            {
                var first = new Pool(1);
                var second = new Pool(1);
                first.Close();
                second.{|MP0070:Join|}();
                first.Join();
            }
        }
        """);

    [Fact]
    public async Task JoinOnFieldOrParameter_NoDiagnostic() => await Verify("""
        using Multiproc;
        public sealed class Jobs
        {
            private readonly Pool _pool = new(2);

            public void Stop(Pool other)
            {
                _pool.Join();
                other.Join();
            }
        }
        """);

    [Fact]
    public async Task LocalUsedInLambda_NoDiagnostic() => await Verify("""
        using System;
        using Multiproc;
        public static class Jobs
        {
            public static void Run(Action<Action> onExit)
            {
                var pool = new Pool(2);
                onExit(() => pool.Close());
                pool.Join();
            }
        }
        """);

    [Fact]
    public async Task LocalPassedToAMethod_NoDiagnostic() => await Verify("""
        using Multiproc;
        public static class Jobs
        {
            public static void Run()
            {
                var pool = new Pool(2);
                Drain(pool);
                pool.Join();
            }

            private static void Drain(Pool pool) => pool.Close();
        }
        """);
}
