using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Private;

namespace Multiproc.Tests.Processes;

/// <summary>Private targets (C#'s default accessibility) run in real children, called through <c>[UnsafeAccessor]</c>.</summary>
public sealed class PrivateTargetTests : ChildProcessTest
{
    [Fact]
    public void PrivateTargetAndTargetInPrivateNestedType_RunInChildren()
    {
        using Process<(int Square, string Shout)> process = Spawn.ViaPrivateTargets(7, "spam");
        Assert.Equal((49, "SPAM!"), process.GetResult());
        Assert.True(process.Join(Patience));
        Assert.Equal(0, process.ExitCode);
    }
}
