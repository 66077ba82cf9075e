using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Processes;

public sealed class WarmStartTests : ChildProcessTest
{
    [Fact]
    public void WarmChildren_RunTargetsWithTheirOwnNamesAndArguments_AndAreEndedWhenDisabled()
    {
        try
        {
            Multiprocessing.SetWarmStart(2);
            WaitUntil(() => Multiprocessing.IdleWarmChildren == 2, "two idle children");
            Assert.Empty(Multiprocessing.ActiveChildren());
            for (int i = 0; i < 5; i++)
            {
                Process<string> p = Spawn.Describe(new ProcessOptions { Name = $"warm-{i}", Daemon = i % 2 == 0 });
                string[] parts = p.GetResult().Split('|');
                Assert.Equal($"warm-{i}", parts[0]);
                Assert.Equal(p.Pid.ToString(), parts[1]);
                Assert.Equal((i % 2 == 0).ToString(), parts[2]);
                Assert.Equal(Environment.ProcessId.ToString(), parts[4]);
                Assert.Equal(0, p.ExitCode);
            }
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }

        Assert.Equal(0, Multiprocessing.IdleWarmChildren);
    }

    [Fact]
    public void ChangingTheExecutable_ReplacesIdleChildren()
    {
        try
        {
            Multiprocessing.SetWarmStart(1);
            WaitUntil(() => Multiprocessing.IdleWarmChildren == 1, "an idle child");
            TestHostProgram.Use();
            Assert.Equal(49, Spawn.Square(7).GetResult());
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }
    }

    [Fact]
    public void NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Multiprocessing.SetWarmStart(-1));
}
