using Multiproc.Analyzers.CodeFixes;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class AddEntryPointGuardCodeFixTests
{
    private const string Target = "\n" + TestSources.GreetTarget + "\n";

    private const string AddTitle = "Add the Multiprocessing.TryRunChild guard as the first statement";
    private const string MoveTitle = "Move the Multiprocessing.TryRunChild guard to the first statement";

    private static Task Verify(string source, string expected, string? title = AddTitle) =>
        CodeFixHarness.VerifyAsync<MissingEntryPointGuardAnalyzer, AddEntryPointGuardCodeFix>(
            source + Target, expected + Target, nameof(AddEntryPointGuardCodeFix), title);

    [Fact]
    public Task IntMain_InsertsReturnGuardAndUsing() => Verify("""
        using System;

        static class Program
        {
            static int {|MP0001:Main|}(string[] args)
            {
                Console.WriteLine(args.Length);
                return 0;
            }
        }
        """, """
        using System;
        using Multiproc;

        static class Program
        {
            static int Main(string[] args)
            {
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;

                Console.WriteLine(args.Length);
                return 0;
            }
        }
        """);

    [Fact]
    public Task VoidMain_InsertsExitCodeBlock() => Verify("""
        using Multiproc;
        using System;

        static class Program
        {
            static void {|MP0001:Main|}()
            {
                Console.WriteLine("parent");
            }
        }
        """, """
        using Multiproc;
        using System;

        static class Program
        {
            static void Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode))
                {
                    Environment.ExitCode = exitCode;
                    return;
                }

                Console.WriteLine("parent");
            }
        }
        """);

    [Fact]
    public Task AsyncTaskOfIntMain_InsertsReturnGuard() => Verify("""
        using System.Threading.Tasks;
        using Multiproc;

        static class Program
        {
            static async Task<int> {|MP0001:Main|}()
            {
                await Task.Yield();
                return 0;
            }
        }
        """, """
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
        """);

    [Fact]
    public Task AsyncTaskMain_InsertsExitCodeBlockWithFullyQualifiedEnvironment() => Verify("""
        using System.Threading.Tasks;
        using Multiproc;

        static class Program
        {
            static async Task {|MP0001:Main|}()
            {
                await Task.Yield();
            }
        }
        """, """
        using System.Threading.Tasks;
        using Multiproc;

        static class Program
        {
            static async Task Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode))
                {
                    System.Environment.ExitCode = exitCode;
                    return;
                }

                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task NonAsyncTaskOfIntMain_ReturnsTaskFromResult() => Verify("""
        using System.Threading.Tasks;
        using Multiproc;

        static class Program
        {
            static Task<int> {|MP0001:Main|}()
            {
                return Task.FromResult(0);
            }
        }
        """, """
        using System.Threading.Tasks;
        using Multiproc;

        static class Program
        {
            static Task<int> Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode)) return Task.FromResult(exitCode);

                return Task.FromResult(0);
            }
        }
        """);

    [Fact]
    public Task NonAsyncTaskMain_ReturnsCompletedTask() => Verify("""
        using System;
        using System.Threading.Tasks;
        using Multiproc;

        static class Program
        {
            static Task {|MP0001:Main|}()
            {
                return Task.Delay(1);
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Multiproc;

        static class Program
        {
            static Task Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode))
                {
                    Environment.ExitCode = exitCode;
                    return Task.CompletedTask;
                }

                return Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task EmptyVoidMainInNamespace_GuardIsTheOnlyStatement() => Verify("""
        namespace App
        {
            using Multiproc;

            static class Program
            {
                static void {|MP0001:Main|}(string[] args)
                {
                }
            }
        }
        """, """
        namespace App
        {
            using Multiproc;

            static class Program
            {
                static void Main(string[] args)
                {
                    if (Multiprocessing.TryRunChild(out int exitCode))
                    {
                        System.Environment.ExitCode = exitCode;
                        return;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task ExpressionBodiedVoidMain_BecomesBlock() => Verify("""
        using Multiproc;

        static class Program
        {
            static void {|MP0001:Main|}() => System.Console.WriteLine("parent");
        }
        """, """
        using Multiproc;

        static class Program
        {
            static void Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode))
                {
                    System.Environment.ExitCode = exitCode;
                    return;
                }

                System.Console.WriteLine("parent");
            }
        }
        """);

    [Fact]
    public Task ExpressionBodiedIntMain_BecomesBlockWithReturn() => Verify("""
        using Multiproc;

        static class Program
        {
            static int {|MP0001:Main|}() => 42;
        }
        """, """
        using Multiproc;

        static class Program
        {
            static int Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;

                return 42;
            }
        }
        """);

    [Fact]
    public Task TopLevelWithoutReturn_InsertsExitCodeBlock() => Verify("""
        using System;

        // Say hello.
        {|MP0001:Console.WriteLine("parent");|}
        """, """
        using System;
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode))
        {
            Environment.ExitCode = exitCode;
            return;
        }

        // Say hello.
        Console.WriteLine("parent");
        """);

    [Fact]
    public Task TopLevelWithVoidReturn_InsertsExitCodeBlock() => Verify("""
        using System;
        using Multiproc;

        {|MP0001:if (args.Length == 0) return;|}
        Console.WriteLine(args[0]);
        """, """
        using System;
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode))
        {
            Environment.ExitCode = exitCode;
            return;
        }

        if (args.Length == 0) return;
        Console.WriteLine(args[0]);
        """);

    [Fact]
    public Task TopLevelWithIntReturnAndAwait_InsertsReturnGuard() => Verify("""
        using Multiproc;

        {|MP0001:await System.Threading.Tasks.Task.Yield();|}
        return 3;
        """, """
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;

        await System.Threading.Tasks.Task.Yield();
        return 3;
        """);

    [Fact]
    public Task TopLevelWithoutUsings_AddsUsingBelowHeader() => Verify("""
        // Header.

        {|MP0001:System.Console.WriteLine("parent");|}
        return 0;
        """, """
        // Header.

        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;

        System.Console.WriteLine("parent");
        return 0;
        """);

    [Fact]
    public Task TopLevelCallingGeneratedSpawn_InsertsGuard() => Verify("""
        {|MP0001:Spawn.Greet("hi").Join();|}
        """, """
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode))
        {
            System.Environment.ExitCode = exitCode;
            return;
        }

        Spawn.Greet("hi").Join();
        """);

    [Fact]
    public Task LateGuardInMain_MovedToTop() => Verify("""
        using Multiproc;

        static class Program
        {
            static int {|MP0001:Main|}()
            {
                System.Console.WriteLine("parent");
                if (Multiprocessing.TryRunChild(out int code))
                {
                    return code;
                }

                return 0;
            }
        }
        """, """
        using Multiproc;

        static class Program
        {
            static int Main()
            {
                if (Multiprocessing.TryRunChild(out int code))
                {
                    return code;
                }

                System.Console.WriteLine("parent");

                return 0;
            }
        }
        """, MoveTitle);

    [Fact]
    public Task LateGuardInTopLevel_MovedToTop() => Verify("""
        using Multiproc;

        {|MP0001:System.Console.WriteLine("parent");|}
        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
        return 0;
        """, """
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;

        System.Console.WriteLine("parent");
        return 0;
        """, MoveTitle);

    [Fact]
    public Task LateGuardReadingEarlierLocal_NewGuardInserted() => Verify("""
        using Multiproc;

        {|MP0001:var log = new System.IO.StringWriter();|}
        if (Multiprocessing.TryRunChild(out int code)) { log.Flush(); return code; }
        return 0;
        """, """
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;

        var log = new System.IO.StringWriter();
        if (Multiprocessing.TryRunChild(out int code)) { log.Flush(); return code; }
        return 0;
        """);

    [Fact]
    public Task ExitCodeNameTaken_UsesExitCode2() => Verify("""
        using Multiproc;

        static class Program
        {
            static int {|MP0001:Main|}()
            {
                int exitCode = 5;
                return exitCode;
            }
        }
        """, """
        using Multiproc;

        static class Program
        {
            static int Main()
            {
                if (Multiprocessing.TryRunChild(out int exitCode2)) return exitCode2;

                int exitCode = 5;
                return exitCode;
            }
        }
        """);

    [Fact]
    public Task UsingWouldMakeProcessAmbiguous_FullyQualifies() => Verify("""
        using System.Diagnostics;

        static class Program
        {
            static int {|MP0001:Main|}()
            {
                Process.GetCurrentProcess();
                return 0;
            }
        }
        """, """
        using System.Diagnostics;

        static class Program
        {
            static int Main()
            {
                if (Multiproc.Multiprocessing.TryRunChild(out int exitCode)) return exitCode;

                Process.GetCurrentProcess();
                return 0;
            }
        }
        """);
}
