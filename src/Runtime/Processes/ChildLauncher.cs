using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Multiproc.Interop;
using Multiproc.Serialization;

namespace Multiproc.Processes;

/// <summary>What <see cref="ChildLauncher.Launch"/> needs to start a child.</summary>
internal sealed record StartRequest(ProcessTargetInfo Target, byte[] Arguments, int[] InheritedFds, string Name, string Identity, bool Daemon, TimeSpan StartTimeout);

/// <summary>A child that has connected back (sent Hello) and waits for its Start frame.</summary>
internal sealed record SpawnedChild(int Pid, int PidFd, ControlChannel Channel, string Command);

/// <summary>A child that has connected back and is running its target.</summary>
internal sealed record LaunchedChild(int Pid, int PidFd, ControlChannel Channel);

/// <summary>
/// Starts a child: re-executes this program (or the one named by <see cref="Multiprocessing.SetExecutable"/>)
/// with <c>posix_spawn</c>, hands it one end of a <c>socketpair</c> as fd 3 and a one-time token in
/// <see cref="EnvironmentVariable"/>, then runs the handshake: Hello(token) → Start(target, arguments) →
/// Ready. Stdin is /dev/null; stdout and stderr are inherited.
/// </summary>
internal static unsafe class ChildLauncher
{
    /// <summary>The variable that marks a child: <c>1:3:&lt;token hex&gt;</c> (protocol, fd, token).</summary>
    public const string EnvironmentVariable = "MULTIPROC_CHILD";

    /// <summary>The fd number of the control channel in the child.</summary>
    public const int ChildChannelFd = 3;

    /// <summary>Protocol version carried by the Start frame; a child of another version refuses it.</summary>
    public const uint ProtocolMagic = 0x4D50_0001;

    private const int TokenLength = 32;
    private static string? s_executableOverride;

    public static void SetExecutable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"SetExecutable: '{full}' does not exist.", full);
        }

        Volatile.Write(ref s_executableOverride, full);
        WarmStart.OnExecutableChanged();
    }

    /// <summary>The argv that re-executes the program: the apphost or native binary, or <c>dotnet exec app.dll</c>.</summary>
    public static string[] ResolveCommand()
    {
        string? program = Volatile.Read(ref s_executableOverride);
        if (program is null)
        {
            string processPath = Environment.ProcessPath ?? throw new ProcessStartException("Cannot start a child: Environment.ProcessPath is unknown. Call Multiprocessing.SetExecutable(path).");
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

    public static LaunchedChild Launch(StartRequest request)
    {
        // A warm child cannot receive descriptors: they are inherited at spawn time.
        SpawnedChild child = (request.InheritedFds.Length == 0 ? WarmStart.TryTake() : null)
            ?? SpawnAndGreet(request.InheritedFds, request.StartTimeout);
        try
        {
            Begin(child, request);
            return new LaunchedChild(child.Pid, child.PidFd, child.Channel);
        }
        catch
        {
            child.Channel.Dispose();
            Libc.Close(child.PidFd);
            throw;
        }
    }

    /// <summary>Spawns a child and waits for its Hello; the child then waits for its Start frame.</summary>
    /// <param name="inheritedFds">Descriptors the child inherits as fds 4, 5, ….</param>
    /// <param name="timeout">How long to wait for the Hello.</param>
    /// <param name="warm">A warm child (it will idle until taken): it prepares its start path while it waits.</param>
    public static SpawnedChild SpawnAndGreet(int[] inheritedFds, TimeSpan timeout, bool warm = false)
    {
        string[] argv = ResolveCommand();
        byte[] token = OsRandom.GetBytes(TokenLength);
        int pid;
        int[] fds = new int[2];
        fixed (int* pfds = fds)
        {
            if (Libc.SocketPair(Libc.AF_UNIX, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, pfds) != 0)
            {
                throw new ProcessStartException($"socketpair() failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }

        try
        {
            pid = Spawn(argv, fds[1], inheritedFds, $"1:{ChildChannelFd}:{Convert.ToHexString(token)}{(warm ? ":warm" : string.Empty)}");
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
            throw new ProcessStartException($"pidfd_open({pid}) failed with errno {errno}; Multiproc needs Linux 5.3 or later.");
        }

        var child = new SpawnedChild(pid, pidfd, channel, string.Join(' ', argv));
        try
        {
            channel.Socket.ReceiveTimeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
            var hello = ReceiveDuringStart(child, timeout, "connect back");
            if (hello.Kind != ControlMessageKind.Hello || hello.Payload.Length < TokenLength ||
                !CryptographicOperations.FixedTimeEquals(hello.Payload.AsSpan(0, TokenLength), token))
            {
                KillAndReap(pid);
                throw new ProcessStartException($"The child process (pid {pid}, {child.Command}) sent an invalid greeting on its control channel.");
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

    /// <summary>Ends an idle child that never got a Start frame: end-of-stream makes it exit; then it is reaped.</summary>
    public static void Discard(SpawnedChild child)
    {
        child.Channel.Dispose();
        Reap(child.Pid);
        Libc.Close(child.PidFd);
    }

    /// <summary>Sends Start and waits for Ready.</summary>
    private static void Begin(SpawnedChild child, StartRequest request)
    {
        child.Channel.Socket.ReceiveTimeout = (int)Math.Min(int.MaxValue, request.StartTimeout.TotalMilliseconds);
        child.Channel.Send(ControlMessageKind.Start, EncodeStart(request));
        var reply = ReceiveDuringStart(child, request.StartTimeout, "confirm its target");
        switch (reply.Kind)
        {
            case ControlMessageKind.Ready:
                child.Channel.Socket.ReceiveTimeout = 0;
                return;
            case ControlMessageKind.StartFailed:
                int code = Reap(child.Pid);
                throw new ProcessStartException($"The child process (pid {child.Pid}, {child.Command}) could not run '{request.Target.Name}': {Encoding.UTF8.GetString(reply.Payload)} (exit code {code})");
            default:
                KillAndReap(child.Pid);
                throw new ProcessStartException($"The child process (pid {child.Pid}, {child.Command}) sent an unexpected {reply.Kind} frame during start.");
        }
    }

    private static (ControlMessageKind Kind, byte[] Payload) ReceiveDuringStart(SpawnedChild child, TimeSpan timeout, string what)
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
            throw new ProcessStartException(
                $"The child process (pid {pid}, {command}) did not {what} within {timeout.TotalSeconds:0.###} s and was killed. " +
                "Is the executable a Multiproc program whose Main starts with Multiprocessing.TryRunChild(...)? " +
                "Point children at the right program with Multiprocessing.SetExecutable(path).");
        }

        if (frame is null)
        {
            throw ProcessStartException.ExitedDuringStart(pid, command, Reap(pid), what);
        }

        return frame.Value;
    }

    private static byte[] EncodeStart(StartRequest request) =>
        new StartFrame(
            request.Target.Id,
            request.Target.SchemaHash,
            request.Target.Name,
            request.Name,
            request.Identity,
            request.Daemon,
            Environment.ProcessId,
            ProcessIdentity.Current.Name,
            request.Arguments).Encode();

    private static int Spawn(string[] argv, int childFd, int[] inheritedFds, string marker)
    {
        var environment = new List<string>();
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string key = (string)entry.Key;
            if (key != EnvironmentVariable)
            {
                environment.Add($"{key}={entry.Value}");
            }
        }

        environment.Add($"{EnvironmentVariable}={marker}");
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

                Libc.PosixSpawnFileActionsAddDup2(fileActions, childFd, ChildChannelFd);
                for (int i = 0; i < inheritedFds.Length; i++)
                {
                    Libc.PosixSpawnFileActionsAddDup2(fileActions, Staging + i, FdTransfer.FirstChildFd + i);
                    Libc.PosixSpawnFileActionsAddClose(fileActions, Staging + i);
                }

                Libc.PosixSpawnFileActionsAddOpen(fileActions, 0, devNull, Libc.O_RDONLY, 0);
                int rc = Libc.PosixSpawn(out int pid, argvPtr[0], fileActions, null, argvPtr, envPtr);
                if (rc != 0)
                {
                    throw new ProcessStartException($"posix_spawn('{argv[0]}') failed with error {rc} ({Marshal.GetPInvokeErrorMessage(rc)}).");
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

    private static void KillAndReap(int pid)
    {
        Libc.Kill(pid, Libc.SIGKILL);
        Reap(pid);
    }

    private static int Reap(int pid)
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

        throw new ProcessStartException("Cannot find the dotnet host to run a .dll child; set DOTNET_ROOT or SetExecutable to an apphost.");
    }
}
