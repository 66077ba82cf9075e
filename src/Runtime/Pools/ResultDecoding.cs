using Multiproc.Serialization;

namespace Multiproc.Pools;

/// <summary>Decodes an item's result; a result that does not decode becomes that item's error.</summary>
internal static class ResultDecoding
{
    public static bool TryDecode<T>(WireRead<T> read, ProcessTargetInfo target, ReadOnlySpan<byte> payload, out T value, out Exception? error)
    {
        try
        {
            var reader = new WireReader(payload);
            value = read(ref reader);
            reader.EnsureFullyConsumed();
            error = null;
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            value = default!;
            error = ThrowHelper.CreateResultCouldNotDecoded(target.Name, e.Message, e);
            return false;
        }
    }
}
