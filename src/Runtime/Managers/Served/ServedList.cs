using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>Method ids of <see cref="ServedList"/> (and of the array, which has the read/write subset).</summary>
internal enum ListMethod
{
    Count = 1,
    Get = 2,
    Set = 3,
    Add = 4,
    Insert = 5,
    RemoveAt = 6,
    Clear = 7,
    IndexOf = 8,
    Remove = 9,
    Reverse = 10,
    ToArray = 11,
    AddRange = 12,
}

/// <summary>A list of item encodings: Python's <c>list</c> served by <c>SyncManager.list()</c> (and <c>Array</c>, fixed length).</summary>
internal sealed class ServedList(ManagedObjectKind kind, List<byte[]> items) : ServedObject
{
    public override ManagedObjectKind Kind => kind;

    public override void Invoke(int method, ref WireReader arguments, ref WireWriter result, CallContext context)
    {
        bool fixedLength = kind == ManagedObjectKind.Array;
        lock (this)
        {
            switch ((ListMethod)method)
            {
                case ListMethod.Count:
                    result.WriteInt32(items.Count);
                    break;
                case ListMethod.Get:
                    result.WriteUnmanagedArray(items[CheckIndex(arguments.ReadInt32())]);
                    break;
                case ListMethod.Set:
                    int index = CheckIndex(arguments.ReadInt32());
                    items[index] = CallContext.ReadItem(ref arguments);
                    break;
                case ListMethod.ToArray:
                    result.WriteInt32(items.Count);
                    foreach (byte[] item in items)
                    {
                        result.WriteUnmanagedArray(item);
                    }

                    break;
                case ListMethod.IndexOf:
                    result.WriteInt32(Find(CallContext.ReadItem(ref arguments)));
                    break;
                case ListMethod.Add when !fixedLength:
                    items.Add(CallContext.ReadItem(ref arguments));
                    break;
                case ListMethod.AddRange when !fixedLength:
                    int count = arguments.ReadCollectionHeader(4);
                    for (int i = 0; i < count; i++)
                    {
                        items.Add(CallContext.ReadItem(ref arguments));
                    }

                    break;
                case ListMethod.Insert when !fixedLength:
                    int at = arguments.ReadInt32();
                    if ((uint)at > (uint)items.Count)
                    {
                        ThrowHelper.ThrowIndexOutsideListItems("index", at, items.Count);
                    }

                    items.Insert(at, CallContext.ReadItem(ref arguments));
                    break;
                case ListMethod.RemoveAt when !fixedLength:
                    items.RemoveAt(CheckIndex(arguments.ReadInt32()));
                    break;
                case ListMethod.Remove when !fixedLength:
                    int found = Find(CallContext.ReadItem(ref arguments));
                    if (found >= 0)
                    {
                        items.RemoveAt(found);
                    }

                    result.WriteBoolean(found >= 0);
                    break;
                case ListMethod.Clear when !fixedLength:
                    items.Clear();
                    break;
                case ListMethod.Reverse when !fixedLength:
                    items.Reverse();
                    break;
                default:
                    throw NotExposed(method);
            }
        }
    }

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)items.Count)
        {
            ThrowHelper.ThrowIndexOutsideItems(nameof(index), index, (kind == ManagedObjectKind.Array ? "array" : "list"), items.Count);
        }

        return index;
    }

    private int Find(byte[] item) => items.FindIndex(x => x.AsSpan().SequenceEqual(item));

    /// <summary>Reads the initial items of a list or array.</summary>
    public static List<byte[]> ReadItems(ref WireReader reader)
    {
        int count = reader.ReadCollectionHeader(4);
        var items = new List<byte[]>(Math.Max(count, 0));
        for (int i = 0; i < count; i++)
        {
            items.Add(CallContext.ReadItem(ref reader));
        }

        return items;
    }
}
