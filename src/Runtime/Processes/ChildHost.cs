using System.Net.Sockets;
using System.Text;
using Multiproc.Hosting;
using Multiproc.Interop;
using Multiproc.Serialization;

namespace Multiproc.Processes;

/// <summary>
/// The child side of a start: what the guard runs when <see cref="StartProtocol.EnvironmentVariable"/> is set.
/// Connects back over <see cref="StartProtocol.ChildChannelFd"/>, authenticates with the token, receives the target id and arguments, looks the id
/// up in the generated dispatch table, runs it and reports the result or exception.
/// </summary>
internal static class ChildHost
{
    private static int s_ran;

    public static bool TryRun(out int exitCode)
    {
        exitCode = 0;
        bool parsed = ChildMarker.TryRead(out ChildMarker marker, out bool present);
        if (!present)
        {
            return false;
        }

        if (Interlocked.Exchange(ref s_ran, 1) != 0)
        {
            ThrowHelper.ThrowMultiprocessingTryRunChildCalledTwiceOneChild();
        }

        // From here on this process may start children of its own (BootstrapGuard stops those before it).
        BootstrapGuard.OnGuardRan();

        // Grandchildren get a marker of their own; nothing this process starts should see ours.
        Libc.ClearEnvironmentVariable(StartProtocol.EnvironmentVariable);
        if (!parsed)
        {
            Console.Error.WriteLine($"Multiproc: malformed {StartProtocol.EnvironmentVariable} value; this process was not started by a compatible Multiproc parent.");
            exitCode = 1;
            return true;
        }

        Libc.Fcntl(marker.Fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        var channel = ControlChannel.FromDescriptor(marker.Fd);
        exitCode = Run(channel, marker.Token, marker.Warm);
        return true;
    }

    private static int Run(ControlChannel channel, byte[] token, bool warm)
    {
        if (warm)
        {
            // Before Hello: a parent counts the child idle (ready to take) from its Hello on.
            Prewarm();
        }

        var hello = new byte[token.Length + 4];
        token.CopyTo(hello, 0);
        BitConverter.TryWriteBytes(hello.AsSpan(token.Length), Environment.ProcessId);
        channel.Send(ControlMessageKind.Hello, hello);

        // A warm child's descriptors (pipe and socket ends among the arguments) come with the Start frame.
        var frame = channel.ReceiveWithDescriptors();
        if (frame is not { Kind: ControlMessageKind.Start } start)
        {
            // The parent went away during the handshake.
            return 1;
        }

        if (!StartFrame.TryDecode(start.Payload, out uint magic, out StartFrame request))
        {
            return Refuse(channel, $"the parent speaks control protocol 0x{magic:X8}, this child 0x{StartProtocol.ProtocolMagic:X8} (different Multiproc versions).");
        }

        ProcessIdentity.SetCurrent(new ProcessIdentity(request.Name, request.Identity, request.Daemon, request.ParentPid, request.ParentName));

        if (TargetRegistry.Resolve(request.TargetId, request.SchemaHash, request.TargetName, out string? problem) is not { } entry)
        {
            return Refuse(channel, problem!);
        }

        channel.Send(ControlMessageKind.Ready, default);
        if (request.Daemon)
        {
            // Only a daemon acts when the parent dies; a non-daemon child needs no thread for it (starting one
            // is about 0.8 ms of every start; a warm child started it while idle).
            ParentWatch.Begin(channel);
        }

        return Execute(channel, entry, request.Name, request.Arguments, start.Descriptors);
    }

    /// <summary>
    /// A warm child idles until a parent takes it, so it runs its start path once on a synthetic frame now:
    /// the JIT compilation of decoding, dispatch lookup, result encoding and thread start then happens
    /// while idle instead of between the parent's Start and the target running (measured: Start→Ready 5 ms
    /// → 2 ms). Nothing here has effects beyond this process's code being compiled.
    /// </summary>
    private static void Prewarm()
    {
        byte[] payload = new StartFrame(0, 0, "prewarm", "prewarm", string.Empty, false, 0, null, []).Encode();
        StartFrame.TryDecode(payload, out _, out StartFrame frame);
        _ = TargetRegistry.Resolve(frame.TargetId, frame.SchemaHash, frame.TargetName, out _);
        _ = new ProcessIdentity(frame.Name, frame.Identity, frame.Daemon, frame.ParentPid, frame.ParentName);
        var result = new WireWriter();
        try
        {
            var args = new WireReader(frame.Arguments);
            using (FdTransfer.BeginIncoming([]))
            {
                result.WriteInt32(args.Remaining);
            }
        }
        finally
        {
            result.Dispose();
        }

        ParentWatch.Prestart();
        WarmStart.RunChildPrewarms();
    }

    private static int Execute(ControlChannel channel, TargetEntry entry, string name, byte[] arguments, int[] descriptors)
    {
        var result = new WireWriter();
        try
        {
            var args = new WireReader(arguments);
            using (FdTransfer.BeginIncoming(descriptors))
            {
                entry.Invoker(ref args, ref result);
            }

            TrySend(channel, ControlMessageKind.Result, result.WrittenSpan);
            return 0;
        }
        catch (Exception e)
        {
            // Python prints "Process Name:" and the traceback on the child's stderr, then exits with 1.
            var text = new StringBuilder().Append("Process ").Append(name).AppendLine(":").AppendLine("Traceback (most recent call last, .NET):").Append(e).ToString();
            Console.Error.WriteLine(text);
            Console.Error.Flush();
            TrySend(channel, ControlMessageKind.Failed, ChildOutcome.EncodeException(e));
            return 1;
        }
        finally
        {
            result.Dispose();
        }
    }

    private static int Refuse(ControlChannel channel, string reason)
    {
        Console.Error.WriteLine($"Multiproc child: {reason}");
        TrySend(channel, ControlMessageKind.StartFailed, Encoding.UTF8.GetBytes(reason));
        return 1;
    }

    private static void TrySend(ControlChannel channel, ControlMessageKind kind, ReadOnlySpan<byte> payload)
    {
        try
        {
            channel.Send(kind, payload);
        }
        catch (SocketException)
        {
            // The parent is gone; there is nobody to tell.
        }
    }
}
