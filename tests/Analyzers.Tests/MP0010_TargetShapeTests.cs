using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Tests.Infrastructure;
using Xunit;

namespace Multiproc.Analyzers.Tests;

public sealed class MP0010_TargetShapeTests
{
    private const string NamedStaticMethod = "a child process runs a named static method of a type";

    private static Task<Diagnostic[]> Verify(string markup) =>
        AnalyzerVerifier<InvalidTargetShapeAnalyzer>.VerifyAsync(markup, OutputKind.DynamicallyLinkedLibrary);

    private static async Task VerifyMessages(string markup, params string[] messages)
    {
        Diagnostic[] d = await Verify(markup);
        Assert.Equal(messages, d.Select(x => x.GetMessage()).ToArray());
    }

    [Fact]
    public async Task ValidTargets_NoDiagnostic() => await Verify("""
        using System.Threading.Tasks;
        using Multiproc;
        namespace Demo
        {
            public class Work
            {
                [ProcessTarget] public static void Run(int id) { }
                [ProcessTarget] internal static Task<int> Count(string text) => Task.FromResult(text.Length);
                public void NotATarget(ref int x) { }
            }

            internal class Inner
            {
                [ProcessTarget] protected internal static void Shared() { }
            }
        }
        """);

    [Fact]
    public async Task NotStatic_ReportedOnIdentifier() => await VerifyMessages("""
        using Multiproc;
        public class Work
        {
            [ProcessTarget] public void {|MP0010:Run|}() { }
        }
        """,
        "Process target 'Work.Run' is not static: a child process has no instance to call it on; make it static");

    [Fact]
    public async Task GenericMethodAndMethodOfGenericType_Reported() => await VerifyMessages("""
        using Multiproc;
        public static class Work
        {
            [ProcessTarget] public static void {|MP0010:Run|}<T>(int x) { }
        }

        public static class Outer<TKey>
        {
            public static class Box
            {
                [ProcessTarget] public static void {|MP0010:Open|}() { }
            }
        }
        """,
        "Process target 'Work.Run<T>' is generic: a child process cannot choose its type arguments; make it non-generic, one target per type argument",
        "Process target 'Outer<TKey>.Box.Open' is declared in generic type 'Outer<TKey>': a child process cannot choose its type arguments; move it to a non-generic type");

    [Fact]
    public async Task RefLikeParameters_ReportedOnTheFirstOffendingParameter() => await VerifyMessages("""
        using System;
        using Multiproc;
        public static class Work
        {
            [ProcessTarget] public static void Add(int x, {|MP0010:ref int total|}) { }
            [ProcessTarget] public static void Read({|MP0010:out string line|}) => line = "";
            [ProcessTarget] public static void Look({|MP0010:in Guid id|}) { }
            [ProcessTarget] public static void Fill({|MP0010:Span<byte> buffer|}, ref int unreported) { }
        }
        """,
        "Process target 'Work.Add' has 'ref' parameter 'total': arguments are copied into the child process, which cannot reach the parent's variable; pass it by value and return results instead",
        "Process target 'Work.Read' has 'out' parameter 'line': arguments are copied into the child process, which cannot reach the parent's variable; pass it by value and return results instead",
        "Process target 'Work.Look' has 'in' parameter 'id': arguments are copied into the child process, which cannot reach the parent's variable; pass it by value and return results instead",
        "Process target 'Work.Fill' has parameter 'buffer' of ref struct type 'Span<byte>', which cannot be copied to another process; pass an array, a List<T> or a SharedMemory instead");

    [Fact]
    public async Task RefLikeReturns_ReportedOnTheReturnType() => await VerifyMessages("""
        using System;
        using Multiproc;
        public static class Work
        {
            private static int s_value;
            [ProcessTarget] public static {|MP0010:ref int|} Value() => ref s_value;
            [ProcessTarget] public static {|MP0010:ref readonly int|} ReadOnlyValue() => ref s_value;
            [ProcessTarget] public static {|MP0010:ReadOnlySpan<char>|} Text() => "x";
        }
        """,
        "Process target 'Work.Value' returns by reference: a reference into the child's memory means nothing to the parent; return the value",
        "Process target 'Work.ReadOnlyValue' returns by reference: a reference into the child's memory means nothing to the parent; return the value",
        "Process target 'Work.Text' returns ref struct type 'ReadOnlySpan<char>', which cannot be copied back to the parent; return an array or a List<T> instead");

    [Fact]
    public async Task FileLocalType_NamesTheType() => await VerifyMessages("""
        using Multiproc;
        file static class Local
        {
            [ProcessTarget] public static void {|MP0010:InFile|}() { }
        }
        """,
        "Process target 'Local.InFile' is declared in file-local type 'Local': the generated dispatch table, in another file, cannot name it; make the type internal or public");

    [Fact]
    public async Task PrivateAndProtectedTargets_CalledThroughUnsafeAccessor_NoDiagnostic() => await Verify("""
        using Multiproc;
        public class Work
        {
            [ProcessTarget] private static void Hidden() { }
            [ProcessTarget] protected static void ForHeirs() { }
            [ProcessTarget] private protected static void Narrow() { }

            private static class Nested
            {
                [ProcessTarget] public static void Deep() { }
            }
        }
        """);

    [Fact]
    public async Task UnsupportedKinds_AccessorOperatorExplicitImplementation() => await VerifyMessages("""
        using Multiproc;
        public interface IJob { void Run(); }

        public class Work : IJob
        {
            public static int Value { [ProcessTarget] {|MP0010:get|} => 1; }

            [ProcessTarget] public static Work operator {|MP0010:+|}(Work a, Work b) => a;

            [ProcessTarget] void IJob.{|MP0010:Run|}() { }
        }
        """,
        $"Process target 'Work.Value.get' is an accessor: {NamedStaticMethod}; mark a static method instead",
        $"Process target 'Work.operator +' is an operator: {NamedStaticMethod}; mark a static method instead",
        $"Process target 'Work.Run' is an explicit interface implementation, which has no name generated code can call: {NamedStaticMethod}; mark a static method instead");

    [Fact]
    public async Task LocalFunctionAndLambda_ReportedThoughTheGeneratorNeverSeesThem() => await VerifyMessages("""
        using System;
        using Multiproc;
        public static class Work
        {
            public static void Main()
            {
                [ProcessTarget] static void {|MP0010:Local|}() { }
                Action run = [{|MP0010:ProcessTarget|}] static () => { };
                Local();
                run();
            }

            private static readonly Func<int> s_field = [{|MP0010:ProcessTarget|}] () => 1;
        }
        """,
        $"Process target 'Local' is a local function of 'Work.Main': {NamedStaticMethod}; move it into a type as a static method",
        $"Process target 'lambda in Work.Main' is a lambda: {NamedStaticMethod}; move its body into a static method and mark that [ProcessTarget]",
        $"Process target 'lambda in Work.s_field' is a lambda: {NamedStaticMethod}; move its body into a static method and mark that [ProcessTarget]");

    [Fact]
    public async Task StaticAbstractAndVirtualInterfaceMembers_Reported() => await VerifyMessages("""
        using Multiproc;
        public interface IJob
        {
            [ProcessTarget] static abstract void {|MP0010:Run|}();
            [ProcessTarget] static virtual void {|MP0010:Stop|}() { }
        }
        """,
        "Process target 'IJob.Run' is a static abstract interface member: a child process cannot pick the type that implements it; mark the implementing type's static method instead",
        "Process target 'IJob.Stop' is a static virtual interface member: a child process cannot pick the type that implements it; mark the implementing type's static method instead");

    [Fact]
    public async Task ReservedNames_Reported() => await VerifyMessages("""
        using Multiproc;
        public static class Work
        {
            [ProcessTarget] public static void {|MP0010:Spawn|}() { }
            [ProcessTarget] public static void {|MP0010:Targets|}() { }
            [ProcessTarget] public static bool {|MP0010:Equals|}(int a, int b) => a == b;
        }
        """,
        "Process target 'Work.Spawn' is named 'Spawn', like the generated class its member would go into; rename it",
        "Process target 'Work.Targets' is named 'Targets', like the generated class its member would go into; rename it",
        "Process target 'Work.Equals' is named 'Equals' like a member of object, which the generated 'Spawn.Equals' would hide; rename it");

    [Fact]
    public async Task PartialMethod_ReportedOnceOnTheDeclarationCarryingTheAttribute() => await VerifyMessages("""
        using Multiproc;
        public partial class Work
        {
            [ProcessTarget] public partial void {|MP0010:Run|}();
            public partial void Run() { }
        }
        """,
        "Process target 'Work.Run' is not static: a child process has no instance to call it on; make it static");

    [Fact]
    public async Task NonSerializableParameter_LeftToMP0002() => await Verify("""
        using Multiproc;
        public static class Work
        {
            [ProcessTarget] public static void Run(object payload) { }
        }
        """);
}
