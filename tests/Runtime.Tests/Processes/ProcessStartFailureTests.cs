using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using ChildTargets = Multiproc.Tests.Targets.Targets;

namespace Multiproc.Tests.Processes;

/// <summary>A child that cannot take up its target fails Start with a clear error; nothing hangs or leaks.</summary>
public sealed class ProcessStartFailureTests : ChildProcessTest
{
    [Fact]
    public void ExecutableThatExitsWithoutConnecting_FailsStart()
    {
        Multiprocessing.SetExecutable("/bin/true");
        try
        {
            var e = Assert.Throws<ProcessStartException>(() => Spawn.Noop());
            Assert.Contains("exited with code 0 before it could connect back", e.Message);
            Assert.Contains("TryRunChild", e.Message);
        }
        finally
        {
            TestHostProgram.Use();
        }
    }

    [Fact]
    public void ExecutableThatNeverConnects_FailsStartAfterTheTimeout_AndIsKilled()
    {
        string script = Path.Combine(Path.GetTempPath(), $"multiproc-silent-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, "#!/bin/sh\nexec sleep 600\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            Multiprocessing.SetExecutable(script);
            var options = new ProcessOptions { StartTimeout = TimeSpan.FromSeconds(1) };
            var e = Assert.Throws<ProcessStartException>(() => Process.Create(ChildTargets.Noop, options).Start());
            Assert.Contains("did not connect back within 1 s and was killed", e.Message);
        }
        finally
        {
            TestHostProgram.Use();
            File.Delete(script);
        }
    }

    [Fact]
    public void SetExecutable_MissingFile_Throws()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Multiprocessing.SetExecutable("/nonexistent/multiproc-host"));
        Assert.Contains("/nonexistent/multiproc-host", e.Message);
    }
}

/// <summary>A program that does not link the target refuses it; Start reports the child's reason.</summary>
public sealed class UnknownTargetTests : ChildProcessTest
{
    [Fact]
    public void TargetMissingFromTheChildProgram_FailsStart_WithTheChildsReason()
    {
        var e = Assert.Throws<ProcessStartException>(() => LocalOnly.Spawn.OnlyInTheTestAssembly());
        Assert.Contains("could not run 'Multiproc.Tests.LocalOnly.LocalTargets.OnlyInTheTestAssembly'", e.Message);
        Assert.Contains("is not in the dispatch table", e.Message);
        Assert.Contains("(exit code 1)", e.Message);
    }
}
