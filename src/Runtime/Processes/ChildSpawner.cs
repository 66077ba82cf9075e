using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Multiproc.Interop;
using Multiproc.Serialization;

namespace Multiproc.Processes;

/// <summary>A child that has connected back (sent Hello) and waits for its Start frame.</summary>
internal sealed record SpawnedChild(int Pid, int PidFd, ControlChannel Channel, string Command);

/// <summary>
/// Spawns a child, for cold and warm starts alike: re-executes this program (or the one named by
/// <see cref="Multiprocessing.SetExecutable"/>) with <c>posix_spawn</c>, hands it one end of a <c>socketpair</c> as
/// <see cref="StartProtocol.ChildChannelFd"/> and a one-time token in <see cref="StartProtocol.EnvironmentVariable"/>,
/// and waits for its Hello(token). Stdin is /dev/null; stdout and stderr are inherited.
/// </summary>
internal static unsafe class ChildSpawner
{
    /// <summary>How long a child stopped by <see cref="BootstrapGuard"/> has to exit by itself before it is killed.</summary>
    private static readonly TimeSpan GuardMissingGrace = TimeSpan.FromSeconds(10);
    private static string? s_executableOverride;

    /// <summary>Makes <paramref name="fullPath"/> the program children run.</summary>
    public static void SetExecutableOverride(string fullPath) => Volatile.Write(ref s_executableOverride, fullPath);

    /// <summary>The argv that re-executes the program: the apphost or native binary, or <c>dotnet exec app.dll</c>.</summary>
    public static string[] ResolveCommand()
    {
        string? program = Volatile.Read(ref s_executableOverride);
        if (program is null)
        {
            string processPath = Environment.ProcessPath ?? throw ThrowHelper.CreateCannotStartChildEnvironmentProcessPathUnknown();
            if (!IsDotnetHost(processPath))
            {
                return [processPath];
            }

            // `dotnet app.dll` / `dotnet exec app.dll`: the first command-line argument is the app's main assembly.
            program = Environment.GetCommandLineArgs()[0];
        }

        if (program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            string host = Environment.ProcessPath is { } p && IsDotnetHost(p) ? p : FindDotnetHost();
            return [host, "exec", program];
        }

        return [program];
    }

    /// <summary>Spawns a child and waits for its Hello; the child then waits for its Start frame.</summary>
    /// <param name="inheritedFds">Descriptors the child inherits as fds 4, 5, ….</param>
    /// <param name="timeout">How long to wait for the Hello.</param>
    /// <param name="warm">A warm child (it will idle until taken): it prepares its start path while it waits.</param>
    public static SpawnedChild SpawnAndGreet(int[] inheritedFds, TimeSpan timeout, bool warm = false)
    {
        BootstrapGuard.ThrowIfBeforeGuard("start a process");
        string[] argv = ResolveCommand();
        byte[] token = OsRandom.GetBytes(StartProtocol.TokenLength);
        int pid;
        (int parentEnd, int childEnd) = Libc.CreateSocketPair();
        int[] fds = [parentEnd, childEnd];

        try
        {
            pid = Spawn(argv, fds[1], inheritedFds, new ChildMarker(StartProtocol.ChildChannelFd, token, warm).Format());
        }
        catch
        {
            Libc.Close(fds[0]);
            throw;
        }
        finally
        {
            Libc.Close(fds[1]);
        }

        var channel = new ControlChannel(new Socket(new SafeSocketHandle(fds[0], ownsHandle: true)));
        int pidfd = Libc.PidfdOpen(pid, 0);
        if (pidfd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            KillAndReap(pid);
            channel.Dispose();
            ThrowHelper.ThrowPidfdOpenFailedErrnoMultiprocNeeds(pid, errno);
        }

        var child = new SpawnedChild(pid, pidfd, channel, string.Join(' ', argv));
        try
        {
            channel.Socket.ReceiveTimeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
            var hello = ReceiveDuringStart(child, timeout, "connect back");
            if (hello.Kind == ControlMessageKind.GuardMissing && hello.Payload.Length >= StartProtocol.TokenLength &&
                CryptographicOperations.FixedTimeEquals(hello.Payload.AsSpan(0, StartProtocol.TokenLength), token))
            {
                int code = ReapStoppedChild(child);
                ThrowHelper.ThrowChildStartedBeforeGuard(pid, child.Command, code, Encoding.UTF8.GetString(hello.Payload.AsSpan(StartProtocol.TokenLength)));
            }

            if (hello.Kind != ControlMessageKind.Hello || hello.Payload.Length < StartProtocol.TokenLength ||
                !CryptographicOperations.FixedTimeEquals(hello.Payload.AsSpan(0, StartProtocol.TokenLength), token))
            {
                KillAndReap(pid);
                ThrowHelper.ThrowChildProcessPidSentInvalidGreeting(pid, child.Command);
            }

            return child;
        }
        catch
        {
            channel.Dispose();
            Libc.Close(pidfd);
            throw;
        }
    }

    /// <summary>
    /// Reaps a child that reported <see cref="ControlMessageKind.GuardMissing"/>: it is throwing and exits with
    /// code 1 on its own; one that catches the exception and carries on is killed after a grace period.
    /// </summary>
    private static int ReapStoppedChild(SpawnedChild child)
    {
        if (!Libc.PollReadable(child.PidFd, GuardMissingGrace))
        {
            Libc.Kill(child.Pid, Libc.SIGKILL);
        }

        return Reap(child.Pid);
    }

    /// <summary>Ends an idle child that never got a Start frame: end-of-stream makes it exit; then it is reaped.</summary>
    public static void Discard(SpawnedChild child)
    {
        child.Channel.Dispose();
        Reap(child.Pid);
        Libc.Close(child.PidFd);
    }

    internal static (ControlMessageKind Kind, byte[] Payload) ReceiveDuringStart(SpawnedChild child, TimeSpan timeout, string what)
    {
        ControlChannel channel = child.Channel;
        int pid = child.Pid;
        string command = child.Command;
        (ControlMessageKind, byte[])? frame;
        try
        {
            frame = channel.Receive();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
        {
            KillAndReap(pid);
            throw ThrowHelper.CreateChildDidNotConnectInTime(pid, command, what, timeout.TotalSeconds);
        }

        if (frame is null)
        {
            throw ProcessStartException.ExitedDuringStart(pid, command, Reap(pid), what);
        }

        return frame.Value;
    }

    private static int Spawn(string[] argv, int childFd, int[] inheritedFds, string marker)
    {
        var environment = new List<string>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string key = (string)entry.Key;
            if (key != StartProtocol.EnvironmentVariable)
            {
                environment.Add($"{key}={entry.Value}");
            }
        }

        environment.Add($"{StartProtocol.EnvironmentVariable}={marker}");
        var strings = new List<IntPtr>();
        byte* fileActions = stackalloc byte[256];
        try
        {
            byte** argvPtr = AllocateArray(argv, strings);
            byte** envPtr = AllocateArray(environment, strings);
            byte* devNull = Allocate("/dev/null", strings);
            Libc.PosixSpawnFileActionsInit(fileActions);
            try
            {
                // Transferred fds first go to high numbers, so that no dup2 overwrites a source still needed.
                const int Staging = 900;
                for (int i = 0; i < inheritedFds.Length; i++)
                {
                    Libc.PosixSpawnFileActionsAddDup2(fileActions, inheritedFds[i], Staging + i);
                }

                Libc.PosixSpawnFileActionsAddDup2(fileActions, childFd, StartProtocol.ChildChannelFd);
                for (int i = 0; i < inheritedFds.Length; i++)
                {
                    Libc.PosixSpawnFileActionsAddDup2(fileActions, Staging + i, StartProtocol.FirstTransferredFd + i);
                    Libc.PosixSpawnFileActionsAddClose(fileActions, Staging + i);
                }

                Libc.PosixSpawnFileActionsAddOpen(fileActions, 0, devNull, Libc.O_RDONLY, 0);
                int rc = Libc.PosixSpawn(out int pid, argvPtr[0], fileActions, null, argvPtr, envPtr);
                if (rc != 0)
                {
                    ThrowHelper.ThrowPosixSpawnFailedError(argv[0], rc, Marshal.GetPInvokeErrorMessage(rc));
                }

                return pid;
            }
            finally
            {
                Libc.PosixSpawnFileActionsDestroy(fileActions);
            }
        }
        finally
        {
            foreach (IntPtr p in strings)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    private static byte** AllocateArray(IReadOnlyList<string> values, List<IntPtr> owned)
    {
        IntPtr block = Marshal.AllocCoTaskMem((values.Count + 1) * IntPtr.Size);
        owned.Add(block);
        byte** array = (byte**)block;
        for (int i = 0; i < values.Count; i++)
        {
            array[i] = Allocate(values[i], owned);
        }

        array[values.Count] = null;
        return array;
    }

    private static byte* Allocate(string value, List<IntPtr> owned)
    {
        IntPtr p = Marshal.StringToCoTaskMemUTF8(value);
        owned.Add(p);
        return (byte*)p;
    }

    internal static void KillAndReap(int pid)
    {
        Libc.Kill(pid, Libc.SIGKILL);
        Reap(pid);
    }

    internal static int Reap(int pid)
    {
        Libc.TryReap(pid, block: true, out int exitCode);
        return exitCode;
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    private static string FindDotnetHost()
    {
        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        string[] candidates = [root is null ? string.Empty : Path.Combine(root, "dotnet"), "/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/local/share/dotnet/dotnet"];
        foreach (string candidate in candidates)
        {
            if (candidate.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw ThrowHelper.CreateCannotFindDotnetHostRunDll();
    }
}
