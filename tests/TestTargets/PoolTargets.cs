using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Multiproc.Tests.Targets.Pools;

/// <summary>
/// Targets for the pool tests, run by pool workers in the test host program. The crash targets die in the
/// ways a real worker can: SIGKILL (what the kernel's out-of-memory killer sends), Environment.FailFast, a
/// stack overflow, and running out of address space under a limit the target sets on itself.
/// </summary>
public static class PoolTargets
{
    /// <summary>How many times this worker's initializer ran.</summary>
    private static int s_initializerRuns;

    [ProcessTarget]
    public static int Square(int x) => x * x;

    [ProcessTarget]
    public static int Add(int x, int y) => x + y;

    [ProcessTarget]
    public static void DoNothing()
    {
    }

    /// <summary>Returns the worker's pid (maxTasksPerChild, distribution).</summary>
    [ProcessTarget]
    public static int WorkerPid(int ignored) => Environment.ProcessId;

    /// <summary>Sleeps, then returns the worker's pid.</summary>
    [ProcessTarget]
    public static int SleepThenPid(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return Environment.ProcessId;
    }

    /// <summary>Throws for <paramref name="failAt"/>, squares everything else.</summary>
    [ProcessTarget]
    public static int SquareOrThrow(int x, int failAt) =>
        x == failAt ? throw new ArgumentException($"item {x} is not welcome") : x * x;

    [ProcessTarget]
    public static void Initialize(string marker)
    {
        if (marker == "fail")
        {
            throw new InvalidOperationException("initializer refused to start");
        }

        Interlocked.Increment(ref s_initializerRuns);
    }

    /// <summary>"runs|pid": how often this worker's initializer ran, and who it is.</summary>
    [ProcessTarget]
    public static string InitializerRuns(int ignored) => $"{Volatile.Read(ref s_initializerRuns)}|{Environment.ProcessId}";

    /// <summary>
    /// Item <paramref name="x"/> of a map: the one equal to <paramref name="dieAt"/> kills its worker the way
    /// <paramref name="how"/> says; the others sleep a little (so that items finish one by one), record their
    /// number as a file in the directory <paramref name="log"/> and return their square.
    /// </summary>
    [ProcessTarget]
    public static int DieAt(int x, int dieAt, string how, string log)
    {
        if (x == dieAt)
        {
            Die(how);
        }

        Thread.Sleep(15);
        // One marker file per completed item: appends from several worker processes to one file can overwrite
        // each other (.NET's append mode seeks to the end, then writes; it is not O_APPEND).
        Directory.CreateDirectory(log);
        File.WriteAllText(Path.Combine(log, x.ToString(System.Globalization.CultureInfo.InvariantCulture)), string.Empty);
        return x * x;
    }

    /// <summary>A result whose serializer throws: the task must fail with a clear error, the pool carry on.</summary>
    [ProcessTarget]
    public static Unwritable MakeUnwritable() => new();

    /// <summary>Throws an exception whose message cannot even be read.</summary>
    [ProcessTarget]
    public static void ThrowUndescribable() => throw new UndescribableException();

    private static void Die(string how)
    {
        switch (how)
        {
            case "sigkill":
                System.Diagnostics.Process.GetCurrentProcess().Kill();
                Thread.Sleep(Timeout.Infinite);
                break;
            case "failfast":
                Environment.FailFast("pool test: failing fast on purpose");
                break;
            case "stackoverflow":
                Recurse(0);
                break;
            case "oom":
                ExhaustAddressSpace();
                break;
            default:
                throw new ArgumentException($"unknown way to die: {how}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recurse(int depth)
    {
        Span<byte> frame = stackalloc byte[256];
        frame[depth & 255] = (byte)depth;
        return Recurse(depth + 1) + frame[(depth + 1) & 255];
    }

    /// <summary>
    /// Out of memory, simulated: cap this process's address space (RLIMIT_AS) at what it uses now plus
    /// 256 MiB, then allocate 64 MiB blocks until an allocation fails. The runtime throws
    /// <see cref="OutOfMemoryException"/>; the pool reports it and recycles the worker.
    /// </summary>
    private static void ExhaustAddressSpace()
    {
        string statm = File.ReadAllText("/proc/self/statm");
        long pages = long.Parse(statm.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var limit = new RLimit { Current = (ulong)(pages * Environment.SystemPageSize) + (256UL << 20), Maximum = ulong.MaxValue };
        limit.Maximum = limit.Current;
        if (SetRLimit(RLIMIT_AS, ref limit) != 0)
        {
            throw new InvalidOperationException($"setrlimit failed: {Marshal.GetLastPInvokeError()}");
        }

        var blocks = new List<nint>();
        while (true)
        {
            blocks.Add(Marshal.AllocHGlobal(64 << 20));
        }
    }

    private const int RLIMIT_AS = 9;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    // DllImport, not LibraryImport: this project does not allow unsafe code, and a blittable ref needs no stub.
    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);
}

/// <summary>A serializable type whose property cannot be read, so writing it throws.</summary>
[ProcessSerializable]
public sealed class Unwritable
{
    public int Value
    {
        get => throw new InvalidOperationException("Unwritable.Value cannot be serialized");
        set { }
    }
}

/// <summary>An exception whose Message throws.</summary>
public sealed class UndescribableException : Exception
{
    public override string Message => throw new NotSupportedException("no message for you");
}
