using System.Runtime.InteropServices;
using System.Text;
using Multiproc.Interop;

namespace Multiproc;

/// <summary>
/// The cleanup policy for <c>/dev/shm</c>, the one exit hook of every <see cref="Segment"/> (shared memory, values,
/// locks and queue rings alike). Segments this process created and has not unlinked are
/// unlinked when it exits normally, after its non-daemon children are joined. Segments whose creator
/// died without exiting normally (SIGKILL, a crash) are reaped by the next Multiproc process that creates
/// a segment or exits normally: it scans <c>/dev/shm/mp_*</c>, reads each header and unlinks those whose
/// creator (pid + start time) is gone. Files without Multiproc's header are never touched.
/// </summary>
internal static class SegmentRegistry
{
    /// <summary>The directory POSIX shared memory lives in on Linux.</summary>
    public const string Directory = "/dev/shm";

    /// <summary>The prefix of every file Multiproc creates there, so leaks are recognisable.</summary>
    public const string FilePrefix = "mp_";

    private static readonly object s_lock = new();
    /// <summary>The segments this process created and has not unlinked, each with whether it has companion files.</summary>
    private static readonly Dictionary<string, bool> s_owned = new(StringComparer.Ordinal);
    private static bool s_hooked;
    private static Action? s_beforeUnlinkAtExit;

    /// <summary>
    /// Sets what runs at exit before the owned segments are unlinked: the process layer joins the non-daemon
    /// children there, so that a child started late can still attach (this layer knows no processes).
    /// </summary>
    public static void SetBeforeUnlinkAtExit(Action action) => Volatile.Write(ref s_beforeUnlinkAtExit, action);

    /// <summary>The file path of the segment called <paramref name="name"/>.</summary>
    public static string PathOf(string name) => Directory + "/" + FilePrefix + name;

    /// <summary>
    /// Records a segment this process created (with <paramref name="companionFiles"/>, files named
    /// <c>&lt;path&gt;_*</c> go with it: a queue's spilled messages); reaps stale segments the first time.
    /// </summary>
    public static void Track(string name, bool companionFiles)
    {
        lock (s_lock)
        {
            s_owned[name] = companionFiles;
        }

        if (Hook())
        {
            ReapStale();
        }
    }

    /// <summary>
    /// Installs the exit hook (also in processes that only attach, so that a child outliving a killed
    /// parent reaps the parent's segments when it exits). Returns true the first time.
    /// </summary>
    public static bool Hook()
    {
        lock (s_lock)
        {
            if (s_hooked)
            {
                return false;
            }

            s_hooked = true;
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => OnExit();
            ExitSignals.Install();
            return true;
        }
    }

    /// <summary>
    /// Unlinks the segment called <paramref name="name"/>, and its companion files when this process created it with
    /// them, and forgets it; returns 0 or the errno of the segment's unlink.
    /// </summary>
    public static int Unlink(string name)
    {
        bool companions;
        lock (s_lock)
        {
            s_owned.Remove(name, out companions);
        }

        int errno = UnlinkPath(PathOf(name));
        if (companions)
        {
            try
            {
                foreach (string file in System.IO.Directory.EnumerateFiles(Directory, FilePrefix + name + "_*"))
                {
                    UnlinkPath(file);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return errno;
    }

    /// <summary>The segments this process created and has not unlinked.</summary>
    public static string[] Owned()
    {
        lock (s_lock)
        {
            return [.. s_owned.Keys];
        }
    }

    /// <summary>
    /// Unlinks every Multiproc segment under <c>/dev/shm</c> whose creator is no longer running.
    /// </summary>
    /// <returns>How many segments were removed.</returns>
    public static int ReapStale()
    {
        int removed = 0;
        string[] files;
        try
        {
            files = System.IO.Directory.GetFiles(Directory, FilePrefix + "*");
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (string path in files)
        {
            if (TryReadHeader(path, out SegmentHeader header)
                && header.CreatorPid != Environment.ProcessId
                && !ProcessLiveness.IsAlive(header.CreatorPid, header.CreatorStartTime))
            {
                if (UnlinkPath(path) == 0)
                {
                    removed++;
                    MultiprocLog.StaleSegmentReaped(path, header.CreatorPid);
                }
            }
        }

        return removed;
    }

    /// <summary>Reads a segment header from a file; false when the file is not a Multiproc segment.</summary>
    public static bool TryReadHeader(string path, out SegmentHeader header)
    {
        header = default;
        try
        {
            using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> bytes = stackalloc byte[Marshal.SizeOf<SegmentHeader>()];
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            {
                return false;
            }

            header = MemoryMarshal.Read<SegmentHeader>(bytes);
            return header.Magic == SegmentHeader.MagicValue;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary><c>unlink(path)</c>; returns 0 or the errno.</summary>
    public static unsafe int UnlinkPath(string path)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = bytes)
        {
            return Libc.Unlink(p) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
    }

    private static void OnExit()
    {
        // Non-daemon children are joined at exit anyway (the process layer's hook, Python's atexit); do it
        // before unlinking, whichever hook runs first, so that a child started late can still attach.
        Volatile.Read(ref s_beforeUnlinkAtExit)?.Invoke();

        foreach (string name in Owned())
        {
            Unlink(name);
        }

        ReapStale();
    }
}
