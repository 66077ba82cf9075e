using System.ComponentModel;

namespace Multiproc.Serialization;

/// <summary>
/// Encodings generated serializers call for values whose raw bytes are not all valid (<see cref="DateTime"/>,
/// <see cref="DateTimeOffset"/>, <see cref="decimal"/>), and the write-side nesting guard that turns a cyclic
/// object graph into an exception instead of a stack overflow. See <c>docs/wire-format.md</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WirePrimitives
{
    [ThreadStatic]
    private static int t_writeDepth;

    /// <summary>Writes a <see cref="DateTime"/> as its ticks (8 bytes) and kind (1 byte).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteDateTime(ref WireWriter writer, DateTime value)
    {
        writer.WriteInt64(value.Ticks);
        writer.WriteUnmanaged((byte)value.Kind);
    }

    /// <summary>Reads a <see cref="DateTime"/> written by <see cref="WriteDateTime"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="WireFormatException">The ticks or kind are out of range.</exception>
    public static DateTime ReadDateTime(ref WireReader reader)
    {
        long ticks = reader.ReadInt64();
        byte kind = reader.ReadUnmanaged<byte>();
        if ((ulong)ticks > (ulong)DateTime.MaxValue.Ticks)
        {
            WireReader.ThrowInvalidValue("DateTime ticks", ticks);
        }

        if (kind > (byte)DateTimeKind.Local)
        {
            WireReader.ThrowInvalidValue("DateTimeKind", kind);
        }

        return new DateTime(ticks, (DateTimeKind)kind);
    }

    /// <summary>Writes a <see cref="DateTimeOffset"/> as its clock ticks (8 bytes) and offset in minutes (2 bytes).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteDateTimeOffset(ref WireWriter writer, DateTimeOffset value)
    {
        writer.WriteInt64(value.Ticks);
        writer.WriteUnmanaged((short)(value.Offset.Ticks / TimeSpan.TicksPerMinute));
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> written by <see cref="WriteDateTimeOffset"/>.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="WireFormatException">The ticks or offset are out of range.</exception>
    public static DateTimeOffset ReadDateTimeOffset(ref WireReader reader)
    {
        const int MaxOffsetMinutes = 14 * 60;
        long ticks = reader.ReadInt64();
        short minutes = reader.ReadUnmanaged<short>();
        if (minutes is < -MaxOffsetMinutes or > MaxOffsetMinutes)
        {
            WireReader.ThrowInvalidValue("DateTimeOffset offset minutes", minutes);
        }

        long utcTicks = ticks - (minutes * TimeSpan.TicksPerMinute);
        if ((ulong)ticks > (ulong)DateTime.MaxValue.Ticks || (ulong)utcTicks > (ulong)DateTime.MaxValue.Ticks)
        {
            WireReader.ThrowInvalidValue("DateTimeOffset ticks", ticks);
        }

        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
    }

    /// <summary>
    /// Reads a <see cref="decimal"/> written as its 16 raw bytes (as <c>WireWriter.WriteUnmanaged</c> writes
    /// it), rejecting bit patterns that are not a valid decimal (unused flag bits set, scale above 28).
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The value.</returns>
    /// <exception cref="WireFormatException">The bytes are not a valid decimal.</exception>
    public static decimal ReadDecimal(ref WireReader reader)
    {
        decimal value = reader.ReadUnmanaged<decimal>();
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int flags = bits[3];
        if ((flags & 0x7F00FFFF) != 0 || ((flags >> 16) & 0xFF) > 28)
        {
            WireReader.ThrowInvalidValue("decimal flags", flags);
        }

        return value;
    }

    /// <summary>
    /// Enters one level of object nesting while writing; throws past <see cref="WireReader.MaxDepth"/> levels,
    /// which a reader would reject anyway, so a cyclic graph fails here instead of overflowing the stack.
    /// </summary>
    /// <exception cref="InvalidOperationException">The object graph is cyclic or deeper than the limit.</exception>
    public static void EnterNestedWrite()
    {
        if (++t_writeDepth > WireReader.MaxDepth)
        {
            t_writeDepth--;
            ThrowHelper.ThrowObjectGraphNestedDeeperThanLevels(WireReader.MaxDepth);
        }
    }

    /// <summary>Leaves a level entered with <see cref="EnterNestedWrite"/>.</summary>
    public static void ExitNestedWrite() => t_writeDepth--;
}
