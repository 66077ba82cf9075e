namespace Multiproc.Serialization;

/// <summary>
/// A type that encodes itself in the wire format. The runtime's cross-process objects (queues, pipes,
/// locks, shared memory) implement it so they travel to a child as handles the child re-attaches to;
/// user types may implement it for a custom encoding. The generator calls these members directly.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IWireSerializable<TSelf> where TSelf : IWireSerializable<TSelf>
{
    /// <summary>Encodes <paramref name="value"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value (may be null for reference types).</param>
    static abstract void Write(ref WireWriter writer, TSelf value);

    /// <summary>Decodes a value.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    static abstract TSelf Read(ref WireReader reader);
}

/// <summary>Calls <see cref="IWireSerializable{TSelf}"/> members; used by generated code.</summary>
public static class WireSerializable
{
    /// <summary>Encodes <paramref name="value"/> with its own <see cref="IWireSerializable{TSelf}.Write"/>.</summary>
    /// <typeparam name="T">The self-serializing type.</typeparam>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void Write<T>(ref WireWriter writer, T value) where T : IWireSerializable<T> => T.Write(ref writer, value);

    /// <summary>Decodes a value with <see cref="IWireSerializable{TSelf}.Read"/>.</summary>
    /// <typeparam name="T">The self-serializing type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    public static T Read<T>(ref WireReader reader) where T : IWireSerializable<T> => T.Read(ref reader);
}
