namespace Multiproc.Serialization;

/// <summary>Writes one value of <typeparamref name="T"/> in the wire format (a generated serializer method).</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="writer">The writer.</param>
/// <param name="value">The value.</param>
public delegate void WireWrite<in T>(ref WireWriter writer, T value);

/// <summary>Reads one value of <typeparamref name="T"/> from the wire format (a generated serializer method).</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="reader">The reader.</param>
/// <returns>The value.</returns>
public delegate T WireRead<out T>(ref WireReader reader);
