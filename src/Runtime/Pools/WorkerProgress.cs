using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Multiproc.Pools;

/// <summary>
/// Two counters in a page of memory shared by the parent and one worker (a memfd mapped by both): how many
/// items the worker has <see cref="Started"/> and how many it has <see cref="Finished"/> (result encoded)
/// since it began. The worker only stores; the parent only loads. They survive the worker's death, which is
/// how the parent tells the item the worker died in from items it never reached, without a message per item.
/// </summary>
internal sealed unsafe class WorkerProgress : IDisposable
{
    private const int Size = 4096;

    /// <summary>The mapping: <c>long</c> at 0 = started, <c>long</c> at 64 = finished (separate cache lines).</summary>
    private byte* _memory;

    private WorkerProgress(byte* memory) => _memory = memory;

    /// <summary>Creates the memfd and maps it; returns the fd too (the caller passes it to the worker, then closes it).</summary>
    public static WorkerProgress Create(out int fd)
    {
        fd = Interop.Libc.MemfdCreate("multiproc-pool-worker", Interop.Libc.MFD_CLOEXEC);
        if (fd < 0)
        {
            ThrowHelper.ThrowMemfdCreateFailedErrnoPoolNeeds(Marshal.GetLastPInvokeError());
        }

        if (Interop.Libc.FTruncate(fd, Size) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Interop.Libc.Close(fd);
            ThrowHelper.ThrowFtruncatePoolWorkerProgressPageFailed(errno);
        }

        return Map(fd);
    }

    /// <summary>Maps a progress page received from the parent.</summary>
    public static WorkerProgress Map(int fd)
    {
        void* p = Interop.Libc.MMap(null, Size, Interop.Libc.PROT_READ | Interop.Libc.PROT_WRITE, Interop.Libc.MAP_SHARED, fd, 0);
        if (p == (void*)-1)
        {
            ThrowHelper.ThrowMmapPoolWorkerProgressPageFailed(Marshal.GetLastPInvokeError());
        }

        return new WorkerProgress((byte*)p);
    }

    /// <summary>Items started since the worker began (1-based number of the item running or last run).</summary>
    public long Started
    {
        get => Volatile.Read(ref *(long*)Checked());
        set => Volatile.Write(ref *(long*)Checked(), value);
    }

    /// <summary>Items whose result the worker has encoded.</summary>
    public long Finished
    {
        get => Volatile.Read(ref *(long*)(Checked() + 64));
        set => Volatile.Write(ref *(long*)(Checked() + 64), value);
    }

    public void Dispose()
    {
        byte* p = _memory;
        _memory = null;
        if (p is not null)
        {
            Interop.Libc.MUnmap(p, Size);
        }
    }

    private byte* Checked()
    {
        Debug.Assert(_memory is not null, "progress page used after Dispose");
        return _memory;
    }
}
