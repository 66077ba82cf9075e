using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A fixed-length array of an unmanaged type in shared memory, mirroring Python's
/// <c>multiprocessing.Array</c> (with a lock, the default) and <c>RawArray</c> (lock-free). Every process
/// that has it sees the same elements, without copying. Passed to a <c>[ProcessTarget]</c> it travels as a handle.
/// </summary>
/// <typeparam name="T">An unmanaged element type.</typeparam>
/// <remarks>
/// Access is not synchronized: hold <see cref="GetLock"/> for consistency across processes, as in Python.
/// Named <c>SharedArray</c> so it does not collide with <see cref="System.Array"/>.
/// </remarks>
[DebuggerDisplay("SharedArray<{typeof(T).Name,nq}>[{Length}]")]
public sealed unsafe class SharedArray<T> : IDisposable, IWireSerializable<SharedArray<T>>
    where T : unmanaged
{
    private readonly SharedBlock _block;

    /// <summary>
    /// Creates a zeroed shared array (Python's <c>Array(typecode, size, lock=True)</c>, or <c>RawArray</c>
    /// with <paramref name="lockFree"/>). Does not block.
    /// </summary>
    /// <param name="length">The number of elements; zero or more.</param>
    /// <param name="lockFree">True for no lock (Python's <c>RawArray</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public SharedArray(int length, bool lockFree = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _block = SharedBlock.Create(SharedObjectKind.Array, sizeof(T), length, withLock: !lockFree);
    }

    /// <summary>Creates a shared array holding a copy of <paramref name="initial"/> (Python's <c>Array(typecode, sequence)</c>). Does not block.</summary>
    /// <param name="initial">The initial elements.</param>
    /// <param name="lockFree">True for no lock (Python's <c>RawArray</c>).</param>
    public SharedArray(ReadOnlySpan<T> initial, bool lockFree = false)
        : this(initial.Length, lockFree)
    {
        initial.CopyTo(Span);
    }

    private SharedArray(SharedBlock block) => _block = block;

    /// <summary>The number of elements (Python's <c>len()</c>).</summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public int Length
    {
        get
        {
            _block.EnsureOpen();
            return (int)_block.Length;
        }
    }

    /// <summary>Describes the array: element type, length, whether it has a lock, and its segment (Python's <c>&lt;SynchronizedArray …&gt;</c>).</summary>
    /// <returns>For example <c>&lt;SharedArray&lt;Int32&gt;(length=4, lock=True) mp_…&gt;</c>.</returns>
    public override string ToString() =>
        _block.Describe($"SharedArray<{typeof(T).Name}>", () => $"length={_block.Length}, lock={(_block.HasLock ? "True" : "False")}");

    /// <summary>The elements, in place (no copy).</summary>
    public Span<T> Span => new(_block.Data, Length);

    /// <summary>True when the array has a lock (created without <c>lockFree</c>).</summary>
    public bool HasLock => _block.HasLock;

    /// <summary>The element at <paramref name="index"/>, by reference (Python's <c>a[i]</c>).</summary>
    /// <param name="index">The index, 0 to <see cref="Length"/> - 1.</param>
    /// <returns>A reference to the element.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is out of range.</exception>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                ThrowIndex(index);
            }

            return ref ((T*)_block.Data)[index];
        }
    }

    /// <summary>The elements from <paramref name="start"/> on, in place (Python's <c>a[start:start+length]</c>, without the copy).</summary>
    /// <param name="start">The first index.</param>
    /// <param name="length">How many elements.</param>
    /// <returns>A span over those elements.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the array.</exception>
    public Span<T> Slice(int start, int length) => Span.Slice(start, length);

    /// <summary>Copies the elements into a new array (Python's <c>a[:]</c>).</summary>
    /// <returns>The copy.</returns>
    public T[] ToArray() => Span.ToArray();

    /// <summary>The array's recursive lock (Python's <c>get_lock()</c>), shared by every process.</summary>
    /// <returns>The lock; the same instance on every call.</returns>
    /// <exception cref="InvalidOperationException">The array was created lock-free.</exception>
    public ProcessRLock GetLock() => _block.GetLock(nameof(SharedArray<T>));

    /// <summary>Unmaps the array from this process; the creator also unlinks its segment.</summary>
    public void Dispose() => _block.Dispose();

    /// <summary>Writes the array's handle (segment name, offset, element size).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The shared array.</param>
    public static void Write(ref WireWriter writer, SharedArray<T> value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value._block.Write(ref writer);
        }
    }

    /// <summary>Re-attaches to the array described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same array.</returns>
    public static SharedArray<T> Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SharedBlock.Read(ref reader, SharedObjectKind.Array, sizeof(T), "SharedArray<" + typeof(T).Name + ">"));

    private void ThrowIndex(int index) =>
        ThrowHelper.ThrowIndexOutsideSharedArrayLengthIndexError(nameof(index), index, index, Length);
}
