using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0003_ProcessStartBeforeGuardTests
{
    private const string Target = TestSources.GreetTarget;

    private const string GuardedMain = """
        static class Program
        {
            static int Main()
            {
                if (Multiproc.Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                return 0;
            }
        }
        """;

    private const string Tail = ": in a child it runs again and starts another child; start processes from Main after Multiprocessing.TryRunChild";

    private static Task<Diagnostic[]> Verify(string markup, OutputKind kind = OutputKind.ConsoleApplication) =>
        AnalyzerVerifier<ProcessStartBeforeGuardAnalyzer>.VerifyAsync(markup, kind);

    private static string Message(string what, string where) =>
        $"{what} in {where} runs before the entry point's guard{Tail}";

    [Fact]
    public async Task StaticConstructor_SpawnCall_ReportsInvocationWithMessage()
    {
        Diagnostic[] d = await Verify($$"""
            using Multiproc;
            static class Workers
            {
                static Process? s_worker;

                static Workers()
                {
                    s_worker = {|MP0003:Spawn.Greet("hi")|};
                }

                public static Process? Worker => s_worker;
            }
            {{GuardedMain}}
            {{Target}}
            """);

        Assert.Equal(
            "Process started in static constructor of 'Workers' runs before the entry point's guard: in a child it runs again "
            + "and starts another child; start processes from Main after Multiprocessing.TryRunChild",
            d[0].GetMessage());
    }

    [Fact]
    public async Task StaticFieldInitializer_Reported()
    {
        Diagnostic[] d = await Verify($$"""
            using Multiproc;
            static class Workers
            {
                public static readonly Process Worker = {|MP0003:Spawn.Greet("hi")|};
            }
            {{GuardedMain}}
            {{Target}}
            """);

        Assert.Equal(Message("Process started", "initializer of static field 'Workers.Worker'"), d[0].GetMessage());
    }

    [Fact]
    public async Task StaticPropertyInitializer_Reported()
    {
        Diagnostic[] d = await Verify($$"""
            using Multiproc;
            static class Workers
            {
                public static Process Worker { get; } = {|MP0003:Spawn.Greet("hi")|};
            }
            {{GuardedMain}}
            {{Target}}
            """);

        Assert.Equal(Message("Process started", "initializer of static property 'Workers.Worker'"), d[0].GetMessage());
    }

    [Fact]
    public async Task ModuleInitializer_Reported()
    {
        Diagnostic[] d = await Verify($$"""
            using System.Runtime.CompilerServices;
            static class Startup
            {
                [ModuleInitializer]
                internal static void Init()
                {
                    {|MP0003:Spawn.Greet("hi")|}.Join();
                }
            }
            {{GuardedMain}}
            {{Target}}
            """);

        Assert.Equal(Message("Process started", "module initializer 'Startup.Init'"), d[0].GetMessage());
    }

    [Fact]
    public async Task PoolCreatedInStaticConstructorOfProgram_Reported()
    {
        Diagnostic[] d = await Verify($$"""
            using Multiproc;
            static class Program
            {
                static readonly Pool s_pool;

                static Program()
                {
                    s_pool = {|MP0003:new Pool(2)|};
                }

                static int Main()
                {
                    if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                    s_pool.Close();
                    s_pool.Join();
                    return 0;
                }
            }
            {{Target}}
            """);

        Assert.Equal(Message("Pool created", "static constructor of 'Program'"), d[0].GetMessage());
    }

    [Fact]
    public async Task StartOfACreatedProcess_ReportsStartNotCreate() => await Verify($$"""
        using Multiproc;
        static class Workers
        {
            static Workers()
            {
                Process worker = Process.Create(Targets.Greet, "hi");
                {|MP0003:worker.Start()|};
            }
        }
        {{GuardedMain}}
        {{Target}}
        """);

    [Fact]
    public async Task GuardFirstMain_StartsAfterIt_NoDiagnostic() => await Verify($$"""
        using Multiproc;
        static class Program
        {
            static int Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                using var pool = new Pool(2);
                Spawn.Greet("hi").Join();
                pool.Close();
                pool.Join();
                return 0;
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task Library_StaticConstructor_NoDiagnostic() => await Verify($$"""
        using Multiproc;
        public static class Workers
        {
            public static readonly Process Worker = Spawn.Greet("hi");

            static Workers()
            {
                Spawn.Greet("again").Join();
            }
        }
        {{Target}}
        """, OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task LambdaAndLocalFunctionInStaticCode_NoDiagnostic() => await Verify($$"""
        using System;
        using Multiproc;
        static class Workers
        {
            public static readonly Func<Process> Later = () => Spawn.Greet("later");

            static Workers()
            {
                Process Start() => Spawn.Greet("local");
                Action a = () => new Pool(1).Terminate();
            }
        }
        {{GuardedMain}}
        {{Target}}
        """);

    [Fact]
    public async Task InstanceInitializerAndIndirectCall_NoDiagnostic() => await Verify($$"""
        using Multiproc;
        sealed class Holder
        {
            public Process Worker { get; } = Spawn.Greet("instance");
        }
        static class Workers
        {
            static readonly Process s_worker = StartOne();

            static Process StartOne() => Spawn.Greet("indirect");
        }
        {{GuardedMain}}
        {{Target}}
        """);
}
