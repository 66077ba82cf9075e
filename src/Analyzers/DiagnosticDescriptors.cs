using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers;

/// <summary>
/// Every descriptor of the Multiproc analyzers, each made by <see cref="Create"/> so that ids, help links
/// and categories stay uniform. Must be kept in sync with <c>AnalyzerReleases.Unshipped.md</c> and
/// <c>docs/diagnostics/</c> (checked by <c>DescriptorHygieneTests</c>).
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The repository URL help links are made from.</summary>
    public const string HelpLinkBase = "https://github.com/multiproc/multiproc/blob/main";

    /// <summary>Category of rules about API usage.</summary>
    public const string Usage = "Usage";

    /// <summary>Category of rules about run-time failures.</summary>
    public const string Reliability = "Reliability";

    /// <summary>Category of rules about performance.</summary>
    public const string Performance = "Performance";

    /// <summary>
    /// MP0001. Format: "Entry point '{0}' {1}; every child re-runs this program, so make 'if
    /// (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' its first statement", where {0} is
    /// the entry point (<c>Program.Main</c> or <c>top-level statements</c>) and {1} says what is wrong.
    /// </summary>
    public static readonly DiagnosticDescriptor MissingEntryPointGuard = Create(
        DiagnosticIds.MissingEntryPointGuard,
        title: "The entry point must call Multiprocessing.TryRunChild first",
        message: "Entry point '{0}' {1}; every child re-runs this program, so make 'if (Multiprocessing.TryRunChild(out int exitCode)) return exitCode;' its first statement",
        category: Reliability,
        severity: DiagnosticSeverity.Error,
        description: "A program that starts processes is re-executed by each child it starts. Until the entry point " +
            "calls Multiprocessing.TryRunChild, a child runs the parent's code: it would start a child of its own, " +
            "generation after generation. At run time Multiproc stops the first such child (exit code 1) and the " +
            "parent's start fails; this rule finds the mistake at build time. The guard must be the first statement.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// MP0002. Format: "{0} is not serializable: {1}; {2}", where {0} names the value (<c>Parameter 'job' of
    /// process target 'Work.Run'</c>, <c>The result of process target 'Work.Run'</c>, <c>Argument 'job'
    /// passed to process target 'Run'</c>, <c>The value sent by 'Connection.Send&lt;Job&gt;'</c>, <c>The item
    /// type of 'ProcessQueue&lt;object&gt;'</c>), {1} is the path to the offending type from
    /// <c>ProcessTargetRules.FindNonSerializable</c>, e.g. <c>Job → Job.Payload: object</c>, and {2} the fix:
    /// "mark the type [ProcessSerializable], implement IWireSerializable&lt;T&gt;, or use a supported type", or,
    /// for a thread-only primitive, the Multiproc type to use instead (<c>SemaphoreSlim</c> → <c>ProcessSemaphore</c>).
    /// </summary>
    public static readonly DiagnosticDescriptor NonSerializableType = Create(
        DiagnosticIds.NonSerializableType,
        title: "A value crossing a process boundary must be serializable",
        message: "{0} is not serializable: {1}; {2}",
        category: Usage,
        severity: DiagnosticSeverity.Error,
        description: "Arguments and results of process targets are copied between processes by generated serializers. " +
            "Only primitives, string, enums, decimal, DateTime, DateTimeOffset, TimeSpan, Guid, nullables, arrays, List, " +
            "Dictionary, HashSet, tuples, [ProcessSerializable] types and IWireSerializable<T> types can be copied. The " +
            "generator skips a target it cannot serialize. The same holds for values sent or received on a Connection and " +
            "items of a ProcessQueue, JoinableProcessQueue or SimpleProcessQueue. Thread-only primitives (Lock, Monitor, " +
            "Mutex, SemaphoreSlim, Semaphore, ManualResetEvent(Slim), AutoResetEvent, Barrier, ConcurrentQueue, Channel) have " +
            "process-safe counterparts (ProcessLock, ProcessSemaphore, ProcessEvent, ProcessBarrier, ProcessQueue) that cross as handles.");

    /// <summary>
    /// MP0003. Format: "{0} in {1} runs before the entry point's guard: in a child it runs again and starts
    /// another child; start processes from Main after Multiprocessing.TryRunChild", where {0} is
    /// <c>Process started</c> or <c>Pool created</c> and {1} names the code: <c>static constructor of
    /// 'Work'</c>, <c>initializer of static field 'Work.Worker'</c>, <c>initializer of static property
    /// 'Work.Worker'</c>, <c>module initializer 'Work.Init'</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor ProcessStartBeforeGuard = Create(
        DiagnosticIds.ProcessStartBeforeGuard,
        title: "Do not start processes from code that runs before the entry point's guard",
        message: "{0} in {1} runs before the entry point's guard: in a child it runs again and starts another child; start processes from Main after Multiprocessing.TryRunChild",
        category: Reliability,
        severity: DiagnosticSeverity.Warning,
        description: "Static constructors, static field and property initializers and module initializers run before " +
            "Main's first statement (or, for other types, whenever the type is first used). A child process re-runs the " +
            "program, so this code runs again in every child before Multiprocessing.TryRunChild can divert it to its " +
            "target: each child starts children of its own, without end.");

    /// <summary>
    /// MP0010. Format: "Process target '{0}' {1}", where {0} names the target (<c>Work.Run</c>; for a lambda,
    /// <c>lambda in Work.Main</c>) and {1} says what is wrong, why a child process cannot run it, and the fix,
    /// e.g. <c>is not static: a child process has no instance to call it on; make it static</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidTargetShape = Create(
        DiagnosticIds.InvalidTargetShape,
        title: "A process target must be a static, non-generic, accessible, ordinary method",
        message: "Process target '{0}' {1}",
        category: Usage,
        severity: DiagnosticSeverity.Error,
        description: "A child process runs a target by name from a generated dispatch table, with arguments copied from " +
            "the parent. So a target must be an ordinary static method, not generic, callable from other types of its " +
            "assembly, without ref/out/in, pointer or ref struct parameters or return, and not named Spawn, Targets or " +
            "like a member of object. The generator skips any other target, so it gets no Spawn or Targets member.");

    /// <summary>
    /// MP0011. Format: "Process target '{0}' shares the name '{1}' with {2} in {3}; 'Spawn.{1}' would be
    /// ambiguous, so none of them gets a starter; rename all but one", where {0} and {2} name targets
    /// (<c>'Work.Run'</c>, overloads with their parameter types: <c>'Work.Run(int)'</c>; several joined by
    /// commas and 'and') and {3} is <c>namespace 'N'</c> or <c>the global namespace</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor DuplicateTargetName = Create(
        DiagnosticIds.DuplicateTargetName,
        title: "Process targets of one namespace must have distinct method names",
        message: "Process target '{0}' shares the name '{1}' with {2} in {3}; 'Spawn.{1}' would be ambiguous, so none of them gets a starter; rename all but one",
        category: Usage,
        severity: DiagnosticSeverity.Error,
        description: "The generator puts the starter of every process target into one Spawn class (and its descriptor into " +
            "one Targets class) per namespace, named after the method. When two or more valid targets of one namespace " +
            "share a method name, overloads included, the generator cannot tell which one Spawn.X means and skips all of them.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// MP0070. Format: "Pool '{0}' is joined without Close() or Terminate() before it: {1}() throws 'Pool is
    /// still running' (Python: ValueError: Pool is still running); call {0}.Close() first", where {0} is the
    /// local and {1} is <c>Join</c> or <c>JoinAsync</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor PoolJoinWithoutClose = Create(
        DiagnosticIds.PoolJoinWithoutClose,
        title: "Close or terminate a pool before joining it",
        message: "Pool '{0}' is joined without Close() or Terminate() before it: {1}() throws 'Pool is still running' (Python: ValueError: Pool is still running); call {0}.Close() first",
        category: Usage,
        severity: DiagnosticSeverity.Warning,
        description: "Pool.Join waits for the workers to exit, and they exit only once the pool is closed (no more " +
            "tasks: they finish the queued ones) or terminated. A pool that is still running cannot be joined: Join and " +
            "JoinAsync throw InvalidOperationException, like Python's ValueError. Call Close() (or Terminate()) first.");

    /// <summary>
    /// MP0071. Format: "Daemon of process '{0}' is set after {0}.{1}() started it: the setter throws 'process has
    /// already started' (Python: AssertionError: process has already started); set Daemon before {1}()", where
    /// {0} is the local and {1} is <c>Start</c> or <c>StartAsync</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor DaemonSetAfterStart = Create(
        DiagnosticIds.DaemonSetAfterStart,
        title: "Set Daemon before starting the process",
        message: "Daemon of process '{0}' is set after {0}.{1}() started it: the setter throws 'process has already started' (Python: AssertionError: process has already started); set Daemon before {1}()",
        category: Usage,
        severity: DiagnosticSeverity.Warning,
        description: "Whether a child is a daemon is decided when it starts: a daemon is killed with its parent and may " +
            "not start children of its own. So Process.Daemon can only be set on a created process, before Start() or " +
            "StartAsync(); afterwards the setter throws InvalidOperationException, like Python's AssertionError.");

    /// <summary>
    /// MP0050. Format: "{0} is passed where a process target descriptor is expected; {1}", where {0} is
    /// <c>A lambda</c>, <c>An anonymous method</c>, <c>Local function 'Square'</c> or <c>Method 'Work.Square' (as
    /// a delegate)</c>, and {1} the fix: declare a <c>[ProcessTarget]</c> static method and pass
    /// <c>Targets.X</c>, or, for a method that is already a target, pass <c>Targets.Square</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor DelegateForTarget = Create(
        DiagnosticIds.DelegateForTarget,
        title: "Pass a [ProcessTarget] descriptor (Targets.X), not a lambda or delegate",
        message: "{0} is passed where a process target descriptor is expected; {1}",
        category: Usage,
        severity: DiagnosticSeverity.Error,
        description: "Pool.Map and its relatives, Process.Create and PoolInitializer.Create take a ProcessTarget<TArgs, TResult> " +
            "descriptor, which the generator makes for each [ProcessTarget] static method as Targets.X. A child process " +
            "cannot run a lambda, an anonymous method, a local function or a delegate: it has none of the parent's objects " +
            "and runs a named method from the generated dispatch table. The compiler reports only that type arguments cannot " +
            "be inferred (CS0411) or the argument cannot be converted (CS1503).");

    /// MP0090. Format: "{0} cannot be proxied: {1}; the generator makes no proxy for '{2}'", where {0} names the member
    /// (<c>Member 'ICounter.Changed' of shared interface 'ICounter'</c>) or the interface (<c>Shared interface
    /// 'IRepository&lt;T&gt;'</c>), {1} says why, and {2} is the interface.
    /// </summary>
    public static readonly DiagnosticDescriptor UnproxiableSharedMember = Create(
        DiagnosticIds.UnproxiableSharedMember,
        title: "Every member of a shared interface must be proxiable",
        message: "{0} cannot be proxied: {1}; the generator makes no proxy for '{2}'",
        category: Usage,
        severity: DiagnosticSeverity.Error,
        description: "A [SharedInterface] is implemented by a generated proxy that sends each call to the manager that owns " +
            "the object. Only methods and properties can be sent: events (the manager cannot call back), generic methods " +
            "(it cannot pick type arguments), ref/out/in parameters, indexers, static abstract members, shared interfaces " +
            "as parameters and generic shared interfaces cannot. The generator skips an interface with such a member, so " +
            "RegisterShared and GetShared fail at run time.");

    /// <summary>
    /// MP0091. Format: "{0} is not serializable: {1}; mark the type [ProcessSerializable], implement
    /// IWireSerializable&lt;T&gt;, or use a supported type", where {0} names the value (<c>Parameter 'job' of shared
    /// method 'IWork.Add'</c>, <c>The result of shared method 'IWork.Next'</c>, <c>Property 'IWork.Current'</c>) and {1}
    /// is the path to the offending type, as in MP0002.
    /// </summary>
    public static readonly DiagnosticDescriptor NonSerializableSharedValue = Create(
        DiagnosticIds.NonSerializableSharedValue,
        title: "Values passed to and from a shared object must be serializable",
        message: "{0} is not serializable: {1}; mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type",
        category: Usage,
        severity: DiagnosticSeverity.Error,
        description: "Arguments, results and property values of a [SharedInterface] are copied between the caller and the " +
            "manager by generated serializers, with the rules of process-target arguments (MP0002). A result that is " +
            "itself a shared interface comes back as a proxy and need not be serializable. The generator skips an " +
            "interface with a value it cannot copy.");

    /// <summary>
    /// MP0012. Format: "Type '{0}' has the name of the class the generator makes for the process targets of {1}
    /// (their {2}), so neither Spawn nor Targets is generated there; rename the type or move it to another
    /// namespace", where {0} is <c>Spawn</c> or <c>Targets</c>, {1} <c>namespace 'N'</c> or <c>the global
    /// namespace</c>, {2} <c>starters, Spawn.X(…)</c> or <c>descriptors, Targets.X</c>.
    /// </summary>
    public static readonly DiagnosticDescriptor GeneratedNameClash = Create(
        DiagnosticIds.GeneratedNameClash,
        title: "Do not name a type Spawn or Targets in a namespace with process targets",
        message: "Type '{0}' has the name of the class the generator makes for the process targets of {1} (their {2}), so neither Spawn nor Targets is generated there; rename the type or move it to another namespace",
        category: Usage,
        severity: DiagnosticSeverity.Error,
        description: "The generator puts the starters (Spawn.X) and descriptors (Targets.X) of the process targets of a namespace " +
            "into static partial classes named Spawn and Targets in that namespace. A type of your own with one of those names " +
            "there would make the generated code fail to compile, so the generator leaves both classes out for that namespace.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>All descriptors, for the hygiene tests.</summary>
    internal static DiagnosticDescriptor[] All => [MissingEntryPointGuard, NonSerializableType, ProcessStartBeforeGuard, InvalidTargetShape, DuplicateTargetName, PoolJoinWithoutClose, DaemonSetAfterStart, DelegateForTarget, GeneratedNameClash, UnproxiableSharedMember, NonSerializableSharedValue];

    private static DiagnosticDescriptor Create(string id, string title, string message, string category,
        DiagnosticSeverity severity, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description,
            helpLinkUri: $"{HelpLinkBase}/docs/diagnostics/{id}.md", customTags: tags);
}
