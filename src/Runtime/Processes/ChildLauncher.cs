using System.Text;
using Multiproc.Interop;

namespace Multiproc.Processes;

/// <summary>What <see cref="ChildLauncher.Launch"/> needs to start a child.</summary>
internal sealed record StartRequest(ProcessTargetInfo Target, byte[] Arguments, int[] InheritedFds, string Name, string Identity, bool Daemon, TimeSpan StartTimeout);

/// <summary>A child that has connected back and is running its target.</summary>
internal sealed record LaunchedChild(int Pid, int PidFd, ControlChannel Channel);

/// <summary>
/// Starts a child for <see cref="Process.Start"/>: takes a pre-started child from <see cref="WarmStart"/> or spawns one
/// with <see cref="ChildSpawner"/> (which runs the first half of the handshake, Hello(token)), then sends the Start
/// frame (target, arguments, and for a warm child the descriptors among them) and waits for Ready.
/// </summary>
internal static class ChildLauncher
{
    static ChildLauncher() => SegmentRegistry.SetBeforeUnlinkAtExit(JoinNonDaemonChildren);

    /// <summary>Sets the program children run (<see cref="Multiprocessing.SetExecutable"/>) and replaces idle warm children.</summary>
    public static void SetExecutable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            ThrowHelper.ThrowSetExecutableDoesNotExist(full, full);
        }

        ChildSpawner.SetExecutableOverride(full);
        WarmStart.OnExecutableChanged();
    }

    public static LaunchedChild Launch(StartRequest request)
    {
        // A cold child inherits the descriptors among its arguments at spawn; a warm one, started before
        // they existed, receives them with its Start frame.
        SpawnedChild? warm = request.InheritedFds.Length <= Libc.MaxDescriptorsPerMessage ? WarmStart.TryTake() : null;
        SpawnedChild child = warm ?? ChildSpawner.SpawnAndGreet(request.InheritedFds, request.StartTimeout);
        try
        {
            Begin(child, request, warm is null ? [] : request.InheritedFds);
            return new LaunchedChild(child.Pid, child.PidFd, child.Channel);
        }
        catch
        {
            child.Channel.Dispose();
            Libc.Close(child.PidFd);
            throw;
        }
    }

    /// <summary>Sends Start (with <paramref name="descriptors"/>, for a warm child) and waits for Ready.</summary>
    private static void Begin(SpawnedChild child, StartRequest request, int[] descriptors)
    {
        child.Channel.Socket.ReceiveTimeout = (int)Math.Min(int.MaxValue, request.StartTimeout.TotalMilliseconds);
        child.Channel.Send(ControlMessageKind.Start, EncodeStart(request), descriptors);
        var reply = ChildSpawner.ReceiveDuringStart(child, request.StartTimeout, "confirm its target");
        switch (reply.Kind)
        {
            case ControlMessageKind.Ready:
                child.Channel.Socket.ReceiveTimeout = 0;
                return;
            case ControlMessageKind.StartFailed:
                int code = ChildSpawner.Reap(child.Pid);
                throw ThrowHelper.CreateChildProcessPidCouldNotRun(child.Pid, child.Command, request.Target.Name, Encoding.UTF8.GetString(reply.Payload), code);
            default:
                ChildSpawner.KillAndReap(child.Pid);
                throw ThrowHelper.CreateChildProcessPidSentUnexpectedFrame(child.Pid, child.Command, reply.Kind);
        }
    }

    /// <summary>
    /// At exit, before this process's shared-memory segments are unlinked: joins the non-daemon children (as
    /// <see cref="ChildRegistry"/>'s exit hook does anyway), so that a child started late can still attach.
    /// </summary>
    private static void JoinNonDaemonChildren()
    {
        foreach (Process child in ChildRegistry.Active())
        {
            if (!child.Daemon)
            {
                child.Join();
            }
        }
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
}
