using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Misuse;

/// <summary>
/// One catch handles everything Multiproc itself raises (Python's <c>except multiprocessing.ProcessError</c>):
/// every public exception type the runtime defines derives from <see cref="MultiprocessingException"/>, except
/// the few that must stay an <see cref="IOException"/> so that stream code keeps seeing them.
/// </summary>
public sealed class ExceptionHierarchyTests : ChildProcessTest
{
    /// <summary>Exceptions that derive from a standard .NET type instead; each says so in its XML doc.</summary>
    private static readonly HashSet<Type> StandardBased =
    [
        typeof(ManagerUnavailableException), // an IOException: the manager's connection is gone
        typeof(MessageLengthException), // an IOException: Python's OSError("bad message length")
    ];

    [Fact]
    public void EveryPublicExceptionOfTheRuntime_DerivesFromMultiprocessingException()
    {
        Type[] exceptions = typeof(Process).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && t != typeof(MultiprocessingException))
            .ToArray();

        Assert.NotEmpty(exceptions);
        string[] outside = exceptions
            .Where(t => !typeof(MultiprocessingException).IsAssignableFrom(t) && !StandardBased.Contains(t))
            .Select(t => t.FullName!)
            .ToArray();
        Assert.True(outside.Length == 0, "not beneath MultiprocessingException: " + string.Join(", ", outside));
        Assert.All(StandardBased, t => Assert.True(typeof(IOException).IsAssignableFrom(t), t.Name));
    }

    [Fact]
    public void AChildsFailure_IsCaughtAsMultiprocessingException()
    {
        Process p = Spawn.Fail("caught by the base");
        Assert.True(p.Join(Patience));
        MultiprocessingException e = Assert.IsAssignableFrom<MultiprocessingException>(p.Exception);
        Assert.IsType<RemoteException>(e);
        Assert.Contains("caught by the base", e.Message);
    }

    [Fact]
    public void AnEmptyQueue_IsCaughtAsMultiprocessingException()
    {
        using var q = new ProcessQueue<int>();
        Assert.IsType<QueueEmptyException>(Assert.ThrowsAny<MultiprocessingException>(() => q.Get(block: false)));
    }
}
