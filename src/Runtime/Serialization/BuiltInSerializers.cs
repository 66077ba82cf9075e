namespace Multiproc.Serialization;

/// <summary>Serializers the runtime provides without generated code: primitives, string and byte arrays.</summary>
internal static class BuiltInSerializers
{
    public static WireSerializer<T>? TryCreate<T>()
    {
        object? serializer = typeof(T) switch
        {
            _ when typeof(T) == typeof(int) => Unmanaged<int>(),
            _ when typeof(T) == typeof(long) => Unmanaged<long>(),
            _ when typeof(T) == typeof(uint) => Unmanaged<uint>(),
            _ when typeof(T) == typeof(ulong) => Unmanaged<ulong>(),
            _ when typeof(T) == typeof(short) => Unmanaged<short>(),
            _ when typeof(T) == typeof(ushort) => Unmanaged<ushort>(),
            _ when typeof(T) == typeof(byte) => Unmanaged<byte>(),
            _ when typeof(T) == typeof(sbyte) => Unmanaged<sbyte>(),
            _ when typeof(T) == typeof(char) => Unmanaged<char>(),
            _ when typeof(T) == typeof(double) => Unmanaged<double>(),
            _ when typeof(T) == typeof(float) => Unmanaged<float>(),
            _ when typeof(T) == typeof(decimal) => WireSerializer<decimal>.Create(static (ref WireWriter w, decimal v) => w.WriteUnmanaged(v), static (ref WireReader r) => WirePrimitives.ReadDecimal(ref r)),
            _ when typeof(T) == typeof(Guid) => Unmanaged<Guid>(),
            _ when typeof(T) == typeof(TimeSpan) => Unmanaged<TimeSpan>(),
            _ when typeof(T) == typeof(bool) => WireSerializer<bool>.Create(static (ref WireWriter w, bool v) => w.WriteBoolean(v), static (ref WireReader r) => r.ReadBoolean()),
            _ when typeof(T) == typeof(string) => WireSerializer<string?>.Create(static (ref WireWriter w, string? v) => w.WriteString(v), static (ref WireReader r) => r.ReadString()),
            _ when typeof(T) == typeof(byte[]) => WireSerializer<byte[]?>.Create(static (ref WireWriter w, byte[]? v) => w.WriteUnmanagedArray(v), static (ref WireReader r) => r.ReadUnmanagedArray<byte>()),
            _ when typeof(T) == typeof(ValueTuple) => WireSerializer<ValueTuple>.Create(static (ref WireWriter w, ValueTuple v) => { }, static (ref WireReader r) => default),
            _ => null,
        };
        return (WireSerializer<T>?)serializer;
    }

    private static WireSerializer<T> Unmanaged<T>() where T : unmanaged =>
        WireSerializer<T>.Create(static (ref WireWriter w, T v) => w.WriteUnmanaged(v), static (ref WireReader r) => r.ReadUnmanaged<T>());
}
