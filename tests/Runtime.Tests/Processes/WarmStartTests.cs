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
    public void A_process_that_takes_a_pipe_end_starts_warm_and_receives_the_descriptor_with_its_start()
    {
        try
        {
            Multiprocessing.SetWarmStart(1);
            WaitUntil(() => Multiprocessing.IdleWarmChildren == 1, "an idle child");
            HashSet<int> idle = [.. LeakCheck.ChildPids()];
            var (parent, child) = Multiprocessing.Pipe();
            using (parent)
            {
                Process p = Multiproc.Tests.Targets.Connections.Spawn.ConnectionEchoUpper(child);
                child.Dispose();
                Assert.Contains(p.Pid!.Value, idle);
                parent.Send("warm");
                Assert.Equal("WARM", parent.Recv<string>());
                parent.Close();
                Assert.True(p.Join(Patience));
                Assert.Equal(0, p.ExitCode);
            }
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }
    }

    [Fact]
    public void A_pool_takes_warm_children_for_its_workers()
    {
        try
        {
            Multiprocessing.SetWarmStart(2);
            WaitUntil(() => Multiprocessing.IdleWarmChildren == 2, "two idle children");
            HashSet<int> idle = [.. LeakCheck.ChildPids()];
            using (var pool = new Pool(2))
            {
                Assert.Equal(Enumerable.Range(0, 100).Select(x => x * x), pool.Map(Multiproc.Tests.Targets.Pools.Targets.Square, Enumerable.Range(0, 100)));
                int[] workers = LeakCheck.ChildPids().Where(idle.Contains).ToArray();
                Assert.Equal(2, workers.Length);
                pool.Close();
                pool.Join();
            }
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }
    }

    [Fact]
    public void A_warm_childs_pre_run_of_the_pool_worker_leaves_no_descriptor_open()
    {
        string[] cold = Spawn.OpenDescriptors().GetResult();
        string[] warm;
        try
        {
            Multiprocessing.SetWarmStart(1);
            WaitUntil(() => Multiprocessing.IdleWarmChildren == 1, "an idle child");
            HashSet<int> idle = [.. LeakCheck.ChildPids()];
            Process<string[]> p = Spawn.OpenDescriptors();
            warm = p.GetResult();
            Assert.Contains(p.Pid!.Value, idle);
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
        }

        // Sockets, pipes, memfds and other anonymous descriptors: as many as a cold child has (a warm child may have
        // mapped more assembly files, which are not what this checks).
        Assert.DoesNotContain(warm, target => target.Contains("multiproc-pool-worker", StringComparison.Ordinal));
        foreach (string kind in new[] { "socket:", "pipe:", "anon_inode:", "/memfd:" })
        {
            Assert.True(
                cold.Count(t => t.StartsWith(kind, StringComparison.Ordinal)) == warm.Count(t => t.StartsWith(kind, StringComparison.Ordinal)),
                $"{kind} descriptors: cold child {string.Join(" ", cold)}; warm child {string.Join(" ", warm)}");
        }
    }

    [Fact]
    public void NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Multiprocessing.SetWarmStart(-1));
}
