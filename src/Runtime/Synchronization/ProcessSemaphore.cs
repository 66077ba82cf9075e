using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A counting semaphore shared between processes, mirroring Python's <c>multiprocessing.Semaphore</c>. Releasing it more often than it was acquired is allowed, as in Python.
/// Built on a futex word in shared memory; a semaphore has no owner, so a process dying while holding
/// units does not give them back (as in Python). Passed to a <c>[ProcessTarget]</c> it travels as a handle.
/// </summary>
/// <remarks>Named so that it does not collide with <see cref="System.Threading.Semaphore"/>.</remarks>
[DebuggerDisplay("ProcessSemaphore (value {Value})")]
public sealed class ProcessSemaphore : ProcessSemaphoreBase, IWireSerializable<ProcessSemaphore>
{
    /// <summary>Creates a semaphore with <paramref name="value"/> units (Python's <c>Semaphore(value=1)</c>). Does not block.</summary>
    /// <param name="value">The initial count; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public ProcessSemaphore(int value = 1)
        : base(SemaphoreHandle.Create(SharedObjectKind.Semaphore, value, bounded: false))
    {
    }

    private ProcessSemaphore(SemaphoreHandle handle)
        : base(handle)
    {
    }

    /// <summary>Writes the semaphore's handle (segment name and offset).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The semaphore.</param>
    public static void Write(ref WireWriter writer, ProcessSemaphore value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value.Handle.Write(ref writer);
        }
    }

    /// <summary>Re-attaches to the semaphore described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same semaphore.</returns>
    public static ProcessSemaphore Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SemaphoreHandle.Read(ref reader, SharedObjectKind.Semaphore, nameof(ProcessSemaphore)));
}
