using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedSharedMemoryBlocks"/>.</summary>
internal enum SharedMemoryBlocksMethod
{
    Create = 1,
    Names = 2,
}

/// <summary>
/// The blocks a <see cref="SharedMemoryManager"/> owns (Python's <c>SharedMemoryServer</c> tracking its segments): the
/// server process creates each block, so it outlives the client that asked for it, and unlinks every one when the
/// server stops. Should the server be killed, its blocks are reaped as any dead creator's.
/// </summary>
internal sealed class ServedSharedMemoryBlocks : ServedObject
{
    private readonly List<SharedMemory> _blocks = [];

    public override ManagedObjectKind Kind => ManagedObjectKind.SharedMemoryBlocks;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        lock (this)
        {
            switch ((SharedMemoryBlocksMethod)method)
            {
                case SharedMemoryBlocksMethod.Create:
                    SharedMemory block = SharedMemory.Create(arguments.ReadInt64());
                    _blocks.Add(block);
                    result.WriteString(block.Name);
                    break;
                case SharedMemoryBlocksMethod.Names:
                    result.WriteInt32(_blocks.Count);
                    foreach (SharedMemory b in _blocks)
                    {
                        result.WriteString(b.Name);
                    }

                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }

    public override void OnServerStopped()
    {
        lock (this)
        {
            foreach (SharedMemory block in _blocks)
            {
                block.Dispose();
            }

            _blocks.Clear();
        }
    }
}
