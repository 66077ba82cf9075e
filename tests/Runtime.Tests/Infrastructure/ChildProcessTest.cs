namespace Multiproc.Tests.Infrastructure;

/// <summary>
/// Base class for tests that start real child processes: points Multiproc at the test host program and
/// checks after each test that no child process and no /dev/shm entry was left behind.
/// </summary>
[Collection(ChildProcessCollection.Name)]
public abstract class ChildProcessTest : IDisposable
{
    private readonly LeakCheck _leaks;

    protected ChildProcessTest()
    {
        TestHostProgram.Use();
        _leaks = LeakCheck.Start();
    }

    /// <summary>Generous bound for anything that involves starting a process on a loaded 2-core machine.</summary>
    protected static TimeSpan Patience => TimeSpan.FromSeconds(60);

    public void Dispose()
    {
        _leaks.AssertClean();
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <see cref="Patience"/>.</summary>
    protected static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            Thread.Sleep(10);
        }
    }
}

/// <summary>All child-process tests run one at a time, so that leak checks see only their own children.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildProcessCollection
{
    public const string Name = "Child processes";
}
