using System.ComponentModel;

namespace Multiproc.Serialization;

/// <summary>
/// The serializer for values of <typeparamref name="T"/> that cross a process boundary. Generated code
/// registers one for every type used by a <c>[ProcessTarget]</c> signature or marked
/// <see cref="ProcessSerializableAttribute"/>; the runtime registers the primitives. Cross-process
/// objects such as queues use <see cref="Default"/> to encode their items. No reflection is involved:
/// a type with no registered serializer fails with an error that names it.
/// </summary>
/// <typeparam name="T">The type this serializer encodes.</typeparam>
public abstract class WireSerializer<T>
{
    private static WireSerializer<T>? s_default = BuiltInSerializers.TryCreate<T>();

    /// <summary>Encodes <paramref name="value"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public abstract void Write(ref WireWriter writer, T value);

    /// <summary>Decodes a value.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public abstract T Read(ref WireReader reader);

    /// <summary>True when a serializer for <typeparamref name="T"/> is registered.</summary>
    public static bool IsRegistered => Volatile.Read(ref s_default) is not null;

    /// <summary>
    /// The registered serializer for <typeparamref name="T"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No serializer is registered for <typeparamref name="T"/>.</exception>
    public static WireSerializer<T> Default =>
        Volatile.Read(ref s_default) ?? throw ThrowHelper.CreateNoWireSerializer(typeof(T));

    /// <summary>Registers the serializer for <typeparamref name="T"/>; called by generated module initializers.</summary>
    /// <param name="serializer">The serializer.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(WireSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        Volatile.Write(ref s_default, serializer);
    }

    /// <summary>Creates a serializer from a pair of generated methods.</summary>
    /// <param name="write">The write method.</param>
    /// <param name="read">The read method.</param>
    /// <returns>A serializer that calls them.</returns>
    public static WireSerializer<T> Create(WireWrite<T> write, WireRead<T> read) => new DelegateSerializer(write, read);

    /// <summary>Encodes <paramref name="value"/> into a new byte array.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The encoded bytes.</returns>
    public byte[] Serialize(T value)
    {
        var writer = new WireWriter();
        try
        {
            Write(ref writer, value);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Decodes a value that must occupy all of <paramref name="data"/>.</summary>
    /// <param name="data">The encoded bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="WireFormatException">The bytes are malformed, truncated or have trailing data.</exception>
    public T Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new WireReader(data);
        T value = Read(ref reader);
        reader.EnsureFullyConsumed();
        return value;
    }

    private sealed class DelegateSerializer(WireWrite<T> write, WireRead<T> read) : WireSerializer<T>
    {
        public override void Write(ref WireWriter writer, T value) => write(ref writer, value);

        public override T Read(ref WireReader reader) => read(ref reader);
    }
}
