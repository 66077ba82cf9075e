using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

/// <summary>
/// A skipped target still has an (error-obsolete) <c>Spawn.X</c> and <c>Targets.X</c>: each call site gets one
/// error that points back at the rule, not <c>CS0103: The name 'Spawn' does not exist</c>.
/// </summary>
public sealed class NoCascadeTests
{
    [Fact]
    public async Task InstanceTarget_MP0010AtTheDeclarationAndOneCS0619PerCallSite()
    {
        Diagnostic[] d = await AnalyzerVerifier<InvalidTargetShapeAnalyzer>.VerifyAsync("""
            using Multiproc;

            if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
            using var pool = new Pool(2);
            {|CS0619:Spawn.Run(3)|}.Join();
            int[] squares = pool.Map({|CS0619:Targets.Run|}, new[] { 1, 2 });
            return squares.Length;

            class Work
            {
                [ProcessTarget] public int {|MP0010:Run|}(int x) => x * x;
            }
            """);

        Assert.Equal("Process target 'Work.Run' is not static: a child process has no instance to call it on; make it static", d[0].GetMessage());
    }

    [Fact]
    public async Task NonSerializableTarget_OneCS0619NamingMP0002() => await AnalyzerVerifier<NonSerializableTypeAnalyzer>.VerifyAsync("""
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
        {|CS0619:Spawn.Send(new object(), 1)|}.Join();
        return 0;

        static class Work
        {
            [ProcessTarget] public static void Send({|MP0002:object|} payload, int count) { }
        }
        """);

    [Fact]
    public async Task ClashingNames_OneCS0619PerCallSite() => await AnalyzerVerifier<DuplicateTargetNameAnalyzer>.VerifyAsync("""
        using Multiproc;

        if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;
        {|CS0619:Spawn.Run(1)|}.Join();
        {|CS0619:Spawn.Run("x")|}.Join();
        return 0;

        static class A { [ProcessTarget] public static void {|MP0011:Run|}(int x) { } }
        static class B { [ProcessTarget] public static void {|MP0011:Run|}(string x) { } }
        """);

    [Fact]
    public async Task ObsoleteMessage_NamesTheTargetAndTheRule()
    {
        Compilation compilation = MultiprocTest.CompileWithGenerators(["""
            class Work
            {
                [Multiproc.ProcessTarget] public void Run() { }
                static void Main() => Spawn.Run();
            }
            """], OutputKind.ConsoleApplication);

        Diagnostic error = Assert.Single(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0619", error.Id);
        Assert.Contains("Process target 'Work.Run' is not valid, so it has no starter or descriptor: MP0010 at its declaration says why", error.GetMessage());
    }

    [Fact]
    public void UnboundParameterType_StandInPointsAtTheCompilerError()
    {
        Compilation compilation = MultiprocTest.CompileWithGenerators(["""
            static class Work
            {
                [Multiproc.ProcessTarget] public static void Run(Missing job) { }
                static void Main() => Spawn.Run(null!);
            }
            """], OutputKind.ConsoleApplication);

        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(["CS0246", "CS0619"], errors.Select(e => e.Id));
        Assert.Contains("Process target 'Work.Run' is not valid, so it has no starter or descriptor: the compiler error at its declaration says why", errors[1].GetMessage());
    }
}
