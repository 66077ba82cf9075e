using System.Diagnostics;
using System.Runtime.CompilerServices;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// One value of an unmanaged type in shared memory, mirroring Python's <c>multiprocessing.Value</c> (with a
/// lock, the default) and <c>RawValue</c> (lock-free). Every process that has it sees the same value.
/// Passed to a <c>[ProcessTarget]</c> it travels as a handle; the child maps the same memory.
/// </summary>
/// <typeparam name="T">An unmanaged type: a primitive, an enum or a struct without references.</typeparam>
/// <remarks>
/// Reading or writing <see cref="Value"/> is not atomic for types wider than the machine word, and
/// read-modify-write (<c>v.Value++</c>) is never atomic: hold <see cref="GetLock"/>, as in Python.
/// Named <c>SharedValue</c> to stay clear of the many <c>Value</c> members in .NET.
/// </remarks>
[DebuggerDisplay("SharedValue<{typeof(T).Name,nq}> = {Value}")]
public sealed unsafe class SharedValue<T> : IDisposable, IWireSerializable<SharedValue<T>>
    where T : unmanaged
{
    private readonly SharedBlock _block;

    /// <summary>
    /// Creates a shared value (Python's <c>Value(typecode, value, lock=True)</c>, or <c>RawValue</c> with
    /// <paramref name="lockFree"/>). Does not block.
    /// </summary>
    /// <param name="initial">The initial value.</param>
    /// <param name="lockFree">True for no lock (Python's <c>RawValue</c>); <see cref="GetLock"/> then throws.</param>
    public SharedValue(T initial = default, bool lockFree = false)
    {
        _block = SharedBlock.Create(SharedObjectKind.Value, sizeof(T), 1, withLock: !lockFree);
        *(T*)_block.Data = initial;
    }

    private SharedValue(SharedBlock block) => _block = block;

    /// <summary>The value (Python's <c>.value</c>). Not synchronized: hold <see cref="GetLock"/> to read-modify-write.</summary>
    public T Value
    {
        get => Unsafe.ReadUnaligned<T>(_block.Data);
        set => Unsafe.WriteUnaligned(_block.Data, value);
    }

    /// <summary>A reference to the shared value, for <see cref="Interlocked"/> operations or in-place updates of a struct.</summary>
    public ref T Ref => ref *(T*)_block.Data;

    /// <summary>True when the value has a lock (created without <c>lockFree</c>).</summary>
    public bool HasLock => _block.HasLock;

    /// <summary>The value's recursive lock (Python's <c>get_lock()</c>), shared by every process.</summary>
    /// <returns>The lock; the same instance on every call.</returns>
    /// <exception cref="InvalidOperationException">The value was created lock-free.</exception>
    public ProcessRLock GetLock() => _block.GetLock(nameof(SharedValue<T>));

    /// <summary>Unmaps the value from this process; the creator also unlinks its segment.</summary>
    public void Dispose() => _block.Dispose();

    /// <inheritdoc/>
    public override string ToString()
    {
        try
        {
            return $"SharedValue<{typeof(T).Name}>({Value})";
        }
        catch (ObjectDisposedException)
        {
            return $"SharedValue<{typeof(T).Name}>(closed)";
        }
    }

    /// <summary>Writes the value's handle (segment name, offset, element size).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The shared value.</param>
    public static void Write(ref WireWriter writer, SharedValue<T> value)
    {
        if (SharedRegion.WritePresence(ref writer, value))
        {
            value._block.Write(ref writer);
        }
    }

    /// <summary>Re-attaches to the value described in the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>A handle to the same value.</returns>
    public static SharedValue<T> Read(ref WireReader reader) => !reader.ReadPresence() ? null! : new(SharedBlock.Read(ref reader, SharedObjectKind.Value, sizeof(T), "SharedValue<" + typeof(T).Name + ">"));
}
