using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0001_MissingEntryPointGuardTests
{
    private const string Target = TestSources.GreetTarget;

    /// <summary>A hand-written stand-in for a generated starter, for tests that don't run the generator.</summary>
    private const string SpawnStandIn = """
        namespace App
        {
            static class Spawn
            {
                public static Multiproc.Process Greet(string message) => throw null!;
                public static Multiproc.Process<int> Square(int x) => throw null!;
            }
        }
        """;

    private static Task<Diagnostic[]> Verify(string markup, OutputKind kind = OutputKind.ConsoleApplication, params string[] others) =>
        AnalyzerVerifier<MissingEntryPointGuardAnalyzer>.VerifyAsync(markup, kind, others);

    [Fact]
    public async Task IntMain_NoGuard_ReportsMainIdentifierWithMessage()
    {
        Diagnostic[] d = await Verify($$"""
            namespace App
            {
                static class Program
                {
                    static int {|MP0001:Main|}(string[] args)
                    {
                        return 0;
                    }
                }
            }
            {{Target}}
            """);

        Assert.Equal(
            "Entry point 'App.Program.Main' does not call Multiprocessing.TryRunChild; every child re-runs this program, "
            + "so make 'if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' its first statement",
            d[0].GetMessage());
        Assert.Equal(MissingEntryPointGuardAnalyzer.Missing, d[0].Properties[MissingEntryPointGuardAnalyzer.GuardStateKey]);
        Assert.Empty(d[0].AdditionalLocations);
    }

    [Fact]
    public async Task IntMain_GuardFirst_NoDiagnostic() => await Verify($$"""
        using Multiproc;
        static class Program
        {
            static int Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                return 0;
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task VoidMain_GuardBlockFirst_NoDiagnostic() => await Verify($$"""
        using System;
        using Multiproc;
        static class Program
        {
            static void Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode))
                {
                    Environment.ExitCode = exitCode;
                    return;
                }
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task Main_GuardResultStoredFirst_NoDiagnostic() => await Verify($$"""
        static class Program
        {
            static int Main()
            {
                bool child = Multiproc.Multiprocessing.TryRunChild(out int code);
                if (child) return code;
                return 0;
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task Main_GuardAfterStatement_ReportsLateWithGuardAsAdditionalLocation()
    {
        Diagnostic[] d = await Verify($$"""
            using System;
            using Multiproc;
            static class Program
            {
                static int {|MP0001:Main|}()
                {
                    Console.WriteLine("starting");
                    if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                    return 0;
                }
            }
            {{Target}}
            """);

        Assert.Equal(
            "Entry point 'Program.Main' calls Multiprocessing.TryRunChild after other statements, but the guard must come first; "
            + "every child re-runs this program, so make 'if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' its first statement",
            d[0].GetMessage());
        Assert.Equal(MissingEntryPointGuardAnalyzer.Late, d[0].Properties[MissingEntryPointGuardAnalyzer.GuardStateKey]);
        Location guard = Assert.Single(d[0].AdditionalLocations);
        Assert.StartsWith("if (Multiprocessing.TryRunChild", guard.SourceTree!.ToString().Substring(guard.SourceSpan.Start));
        Assert.EndsWith("return exitCode;", guard.SourceTree!.ToString().Substring(0, guard.SourceSpan.End));
    }

    [Fact]
    public async Task Main_LateGuardNotAnIf_ReportsLateWithoutAdditionalLocation()
    {
        Diagnostic[] d = await Verify($$"""
            static class Program
            {
                static int {|MP0001:Main|}()
                {
                    System.Console.WriteLine("starting");
                    bool child = Multiproc.Multiprocessing.TryRunChild(out int code);
                    return child ? code : 0;
                }
            }
            {{Target}}
            """);

        Assert.Equal(MissingEntryPointGuardAnalyzer.Late, d[0].Properties[MissingEntryPointGuardAnalyzer.GuardStateKey]);
        Assert.Empty(d[0].AdditionalLocations);
    }

    [Fact]
    public async Task Main_UsingDeclarationBeforeGuard_IsAStatement_Reported() => await Verify($$"""
        using Multiproc;
        static class Program
        {
            static int {|MP0001:Main|}()
            {
                using var log = new System.IO.StringWriter();
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                return 0;
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task Main_LocalFunctionBeforeGuard_NoDiagnostic() => await Verify($$"""
        using Multiproc;
        static class Program
        {
            static int Main()
            {
                static int Helper() => 1;
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                return Helper();
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task Main_GuardOnlyInsideLambda_ReportedMissing() => await Verify($$"""
        using System;
        using Multiproc;
        static class Program
        {
            static int {|MP0001:Main|}()
            {
                Func<bool> isChild = () => Multiprocessing.TryRunChild(out _);
                return isChild() ? 1 : 0;
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task Main_GuardInHelperMethod_ReportedMissing() => await Verify($$"""
        using Multiproc;
        static class Program
        {
            static int {|MP0001:Main|}()
            {
                if (IsChild(out int exitCode)) return exitCode;
                return 0;
            }

            static bool IsChild(out int exitCode) => Multiprocessing.TryRunChild(out exitCode);
        }
        {{Target}}
        """);

    [Fact]
    public async Task AsyncTaskOfIntMain_NoGuard_ReportsMainIdentifier() => await Verify($$"""
        using System.Threading.Tasks;
        static class Program
        {
            static async Task<int> {|MP0001:Main|}()
            {
                await Task.Yield();
                return 0;
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task AsyncTaskOfIntMain_GuardFirst_NoDiagnostic() => await Verify($$"""
        using System.Threading.Tasks;
        using Multiproc;
        static class Program
        {
            static async Task<int> Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                await Task.Yield();
                return 0;
            }
        }
        {{Target}}
        """);

    [Fact]
    public async Task ExpressionBodiedMain_Reported() => await Verify($$"""
        static class Program
        {
            static void {|MP0001:Main|}() => System.Console.WriteLine();
        }
        {{Target}}
        """);

    [Fact]
    public async Task TopLevel_NoGuard_ReportsFirstStatementWithMessage()
    {
        Diagnostic[] d = await Verify($$"""
            using System;

            {|MP0001:Console.WriteLine("parent");|}
            Console.WriteLine("done");

            {{Target}}
            """);

        Assert.Equal(
            "Entry point 'top-level statements' does not call Multiprocessing.TryRunChild; every child re-runs this program, "
            + "so make 'if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' its first statement",
            d[0].GetMessage());
    }

    [Fact]
    public async Task TopLevel_GuardFirst_NoDiagnostic() => await Verify($$"""
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode))
        {
            return exitCode;
        }

        await System.Threading.Tasks.Task.Yield();
        return 0;

        {{Target}}
        """);

    [Fact]
    public async Task TopLevel_LocalFunctionFirst_ReportsFirstExecutableStatement() => await Verify($$"""
        static void Log(string s) => System.Console.WriteLine(s);
        {|MP0001:Log("parent");|}

        {{Target}}
        """);

    [Fact]
    public async Task TopLevel_LocalFunctionThenGuard_NoDiagnostic() => await Verify($$"""
        using Multiproc;
        static void Log(string s) => System.Console.WriteLine(s);
        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
        Log("parent");
        return 0;

        {{Target}}
        """);

    [Fact]
    public async Task TopLevel_GuardLate_ReportsFirstStatement()
    {
        Diagnostic[] d = await Verify($$"""
            using Multiproc;
            {|MP0001:var started = System.DateTime.Now;|}
            if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
            return started.Second;

            {{Target}}
            """);

        Assert.Equal(MissingEntryPointGuardAnalyzer.Late, d[0].Properties[MissingEntryPointGuardAnalyzer.GuardStateKey]);
        Assert.Single(d[0].AdditionalLocations);
    }

    [Fact]
    public async Task ProcessCreateInAnotherFile_WithoutLocalTarget_Reported() => await Verify("""
        namespace App
        {
            static class Program
            {
                static void {|MP0001:Main|}() => Runner.Run(null!);
            }
        }
        """,
        OutputKind.ConsoleApplication,
        """
        namespace App
        {
            static class Runner
            {
                public static void Run(Multiproc.ProcessTarget<int, int> target) =>
                    Multiproc.Process.Create(target, 1).Start();
            }
        }
        """);

    [Fact]
    public async Task SpawnCall_Reported() => await Verify("""
        namespace App
        {
            static class Program
            {
                static void {|MP0001:Main|}() => Spawn.Greet("hi");
            }
        }
        """,
        OutputKind.ConsoleApplication,
        SpawnStandIn);

    [Fact]
    public async Task GeneratedSpawnCall_Reported() => await Verify("""
        {|MP0001:Spawn.Greet("hi").Join();|}
        """,
        OutputKind.ConsoleApplication,
        Target);

    [Fact]
    public async Task GeneratedSpawnCall_GuardFirst_NoDiagnostic() => await Verify("""
        if (Multiproc.Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
        Spawn.Greet("hi").Join();
        return 0;
        """,
        OutputKind.ConsoleApplication,
        Target);

    [Fact]
    public async Task SpawnMethodGroupReturningProcessOfT_Reported() => await Verify("""
        namespace App
        {
            static class Program
            {
                static void {|MP0001:Main|}()
                {
                    System.Func<int, Multiproc.Process<int>> start = Spawn.Square;
                }
            }
        }
        """,
        OutputKind.ConsoleApplication,
        SpawnStandIn);

    [Fact]
    public async Task ClassNamedSpawnNotReturningProcess_NotAProcessStart() => await Verify("""
        static class Spawn
        {
            public static int Greet(string message) => 0;
        }

        static class Program
        {
            static void Main() => Spawn.Greet("hi");
        }
        """);

    [Fact]
    public async Task PragmaSuppressed_NotReported() => await Verify($$"""
        static class Program
        {
        #pragma warning disable MP0001 // children run another host program
            static void Main() { }
        #pragma warning restore MP0001
        }
        {{Target}}
        """);

    [Fact]
    public async Task ExeWithoutProcesses_NoDiagnostic() => await Verify("""
        System.Console.WriteLine(Multiproc.Multiprocessing.CpuCount);
        """);

    [Fact]
    public async Task Library_NoDiagnostic() => await Verify($$"""
        static class Program
        {
            static void Main() { }
        }
        {{Target}}
        """, OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public async Task WindowsApplication_Reported() => await Verify($$"""
        static class Program
        {
            static void {|MP0001:Main|}() { }
        }
        {{Target}}
        """, OutputKind.WindowsApplication);

    [Fact]
    public async Task TargetInAnotherFile_MainReportedInItsFile() => await Verify("""
        static class Program
        {
            static void {|MP0001:Main|}() { }
        }
        """,
        OutputKind.ConsoleApplication,
        Target);

    [Fact]
    public async Task OtherStaticMainNotTheEntryPoint_Ignored() => await Verify($$"""
        using Multiproc;
        static class Program
        {
            static int Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
                return 0;
            }
        }

        static class Other
        {
            public static void Main(int notAnEntryPoint) { }
        }
        {{Target}}
        """);
}
