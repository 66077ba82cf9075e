using System.Net;
using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A manager that owns shared-memory blocks: Python's <c>multiprocessing.managers.SharedMemoryManager</c>. Blocks made
/// through it (<see cref="SharedMemory(long)"/>, <see cref="ShareableList(IEnumerable{object})"/>) are created by the
/// manager's server process and all unlinked when the manager shuts down, whoever still has them mapped; disposing the
/// handles this process gets only unmaps them.
/// </summary>
public sealed class SharedMemoryManager : BaseManager
{
    private readonly object _gate = new();
    private ProxyReference? _blocks;

    /// <summary>Creates the manager; call <see cref="BaseManager.Start"/> (Python's <c>SharedMemoryManager().start()</c>).</summary>
    /// <param name="address">Where the server listens; null for a private Unix socket.</param>
    /// <param name="authKey">The shared secret; null for a new random one.</param>
    public SharedMemoryManager(EndPoint? address = null, byte[]? authKey = null)
        : base(address, authKey)
    {
    }

    /// <summary>A new block of <paramref name="size"/> bytes owned by the manager (Python's <c>smm.SharedMemory(size)</c>).</summary>
    /// <param name="size">The size in bytes.</param>
    /// <returns>This process's mapping of the block (disposing it unmaps; the manager unlinks at shutdown).</returns>
    /// <exception cref="RemoteException">The size is not positive, or the block could not be created.</exception>
    public SharedMemory SharedMemory(long size)
    {
        var writer = new WireWriter(8);
        writer.WriteInt64(size);
        byte[] reply = CallBlocks((int)SharedMemoryBlocksMethod.Create, ref writer);
        var reader = new WireReader(reply);
        return Multiproc.SharedMemory.Attach(reader.ReadString()!);
    }

    /// <summary>A new <see cref="Multiproc.ShareableList"/> with these items, in a block owned by the manager (Python's <c>smm.ShareableList(sequence)</c>).</summary>
    /// <param name="items">The items: numbers, bools, strings, byte arrays and nulls.</param>
    /// <returns>The list (disposing it unmaps; the manager unlinks at shutdown).</returns>
    public ShareableList ShareableList(IEnumerable<object?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        object?[] values = [.. items];
        return Multiproc.ShareableList.Initialize(SharedMemory(Multiproc.ShareableList.SizeFor(values)), values);
    }

    /// <summary>The names of the blocks the manager owns (Python's <c>SharedMemoryServer.list_segments()</c>).</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> ListBlocks()
    {
        var writer = new WireWriter(8);
        byte[] reply = CallBlocks((int)SharedMemoryBlocksMethod.Names, ref writer);
        var reader = new WireReader(reply);
        int count = reader.ReadCollectionHeader(4);
        var names = new List<string>(Math.Max(count, 0));
        for (int i = 0; i < count; i++)
        {
            names.Add(reader.ReadString()!);
        }

        return names;
    }

    private byte[] CallBlocks(int method, ref WireWriter arguments)
    {
        try
        {
            ThrowIfShutDown();
            ProxyReference blocks;
            lock (_gate)
            {
                blocks = _blocks ??= CreateReference(ManagedObjectKind.SharedMemoryBlocks, []);
            }

            var frame = new byte[17 + arguments.WrittenCount];
            frame[0] = (byte)ManagerOp.Call;
            BitConverter.TryWriteBytes(frame.AsSpan(1), blocks.Id);
            BitConverter.TryWriteBytes(frame.AsSpan(9), method);
            arguments.WrittenSpan.CopyTo(frame.AsSpan(17));
            return blocks.Client.Request(frame);
        }
        finally
        {
            arguments.Dispose();
        }
    }
}
