namespace Multiproc.Analyzers.CodeFixes;

/// <summary>How the inserted guard hands the child's exit code back, chosen from the entry point's shape.</summary>
internal enum GuardForm
{
    /// <summary><c>int Main</c>, <c>async Task&lt;int&gt; Main</c>, top-level statements with a valued <c>return</c>: <c>return exitCode;</c>.</summary>
    ReturnExitCode,

    /// <summary><c>void Main</c>, <c>async Task Main</c>, other top-level statements: <c>{ Environment.ExitCode = exitCode; return; }</c>.</summary>
    SetExitCodeAndReturn,

    /// <summary>A non-async <c>Task&lt;int&gt; Main</c>: <c>return Task.FromResult(exitCode);</c>.</summary>
    ReturnTaskFromResult,

    /// <summary>A non-async <c>Task Main</c>: <c>{ Environment.ExitCode = exitCode; return Task.CompletedTask; }</c>.</summary>
    SetExitCodeAndReturnCompletedTask,
}
