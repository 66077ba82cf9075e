// A template for .ci/package-checks.sh: a shared interface with a member that cannot be proxied (MP0090) and a
// parameter that cannot be serialized (MP0091); the build must fail showing both.
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

Console.WriteLine("unreachable: this program must not build");
return 0;

public sealed class Job
{
    public Action Callback { get; set; } = () => { };
}

[SharedInterface]
public interface IFeed
{
    event EventHandler Changed;

    void Add(Job job);
}
