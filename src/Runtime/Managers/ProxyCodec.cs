using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Multiproc.Serialization;

namespace Multiproc.Managers;

/// <summary>
/// Encodes the items a proxy sends to its manager and decodes the ones it gets back, with the registered wire
/// serializer of <typeparamref name="T"/>. A proxy type registers its own serializer in its static constructor; that
/// constructor is run here first, so a dictionary of queue proxies decodes in a process that never made one.
/// </summary>
internal static class ProxyCodec<T>
{
    private static WireSerializer<T>? s_serializer;

    private static WireSerializer<T> Serializer
    {
        [UnconditionalSuppressMessage("Trimming", "IL2059", Justification = "T is a proxy type this program decodes; its static constructor registers the serializer and is kept with the type's Read/Write methods it references.")]
        get
        {
            if (s_serializer is { } known)
            {
                return known;
            }

            if (!WireSerializer<T>.IsRegistered && typeof(BaseProxy).IsAssignableFrom(typeof(T)))
            {
                RuntimeHelpers.RunClassConstructor(typeof(T).TypeHandle);
            }

            return s_serializer = WireSerializer<T>.Default;
        }
    }

    /// <summary>Writes <paramref name="value"/> as a length-prefixed blob.</summary>
    public static void WriteItem(ref WireWriter writer, T value) => writer.WriteUnmanagedArray(Serializer.Serialize(value));

    /// <summary>Reads a blob written by <see cref="WriteItem"/>.</summary>
    public static T ReadItem(ref WireReader reader) => Decode(reader.ReadUnmanagedArray<byte>() ?? throw ThrowHelper.CreateNullItemBlob());

    /// <summary>Decodes one item's encoding.</summary>
    public static T Decode(byte[] bytes) => Serializer.Deserialize(bytes);

    /// <summary>Decodes a reply that is one item blob.</summary>
    public static T DecodeReply(byte[] reply)
    {
        var reader = new WireReader(reply);
        return ReadItem(ref reader);
    }

    /// <summary>Reads a count and that many blobs.</summary>
    public static List<T> ReadItems(ref WireReader reader)
    {
        int count = reader.ReadCollectionHeader(4);
        var items = new List<T>(Math.Max(count, 0));
        for (int i = 0; i < count; i++)
        {
            items.Add(ReadItem(ref reader));
        }

        return items;
    }

    /// <summary>Writes a count and the items as blobs.</summary>
    public static void WriteItems(ref WireWriter writer, IEnumerable<T> items)
    {
        T[] array = [.. items];
        writer.WriteInt32(array.Length);
        foreach (T item in array)
        {
            WriteItem(ref writer, item);
        }
    }
}
