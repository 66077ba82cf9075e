using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A counting semaphore shared between processes, mirroring Python's <c>multiprocessing.BoundedSemaphore</c>. Releasing it above its initial value throws <see cref="SemaphoreFullException"/>.
/// Built on a futex word in shared memory; a semaphore has no owner, so a process dying while holding
/// units does not give them back (as in Python). Passed to a <c>[ProcessTarget]</c> it travels as a handle.
/// </summary>
/// <remarks>Named so that it does not collide with <see cref="System.Threading.Semaphore"/>.</remarks>
[DebuggerDisplay("ProcessBoundedSemaphore (value {Value})")]
public sealed class ProcessBoundedSemaphore : ProcessSemaphoreBase, IWireSerializable<ProcessBoundedSemaphore>
{
    /// <summary>Creates a semaphore with <paramref name="value"/> units (Python's <c>BoundedSemaphore(value=1)</c>). Does not block.</summary>
    /// <param name="value">The initial count; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public ProcessBoundedSemaphore(int value = 1)
        : base(SemaphoreHandle.Create(SharedObjectKind.BoundedSemaphore, value, bounded: true))
    {
    }

    private ProcessBoundedSemaphore(SemaphoreHandle handle)
        : base(handle)
    {
    }

    /// <summary>Writes the semaphore's handle (segment name and offset).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The semaphore.</param>
    public static void Write(ref WireWriter writer, ProcessBoundedSemaphore value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value.Handle.Write(ref writer);
        }
    }

    /// <summary>Re-attaches to the semaphore described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same semaphore.</returns>
    public static ProcessBoundedSemaphore Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SemaphoreHandle.Read(ref reader, SharedObjectKind.BoundedSemaphore, nameof(ProcessBoundedSemaphore)));
}
