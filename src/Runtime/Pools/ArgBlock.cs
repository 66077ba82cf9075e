using Multiproc.Serialization;

namespace Multiproc.Pools;

/// <summary>
/// The encoded arguments of a run of items, back to back in one array (item <c>i</c> is
/// <c>Data[Offsets[i]..Offsets[i + 1]]</c>). Encoded on the caller's thread when the work is submitted, so an
/// argument that cannot be encoded fails the call at once instead of a worker later.
/// </summary>
internal sealed class ArgBlock
{
    private ArgBlock(byte[] data, int[] offsets)
    {
        Data = data;
        Offsets = offsets;
    }

    public byte[] Data { get; }

    public int[] Offsets { get; }

    public int Count => Offsets.Length - 1;

    /// <summary>The encoded length of item <paramref name="index"/>.</summary>
    public int LengthOf(int index) => Offsets[index + 1] - Offsets[index];

    /// <summary>Encodes one argument.</summary>
    public static ArgBlock Encode<TArgs>(WireWrite<TArgs> write, TArgs arguments) => Encode(write, [arguments], 0, 1);

    /// <summary>Encodes <paramref name="count"/> arguments of <paramref name="items"/> from <paramref name="first"/>.</summary>
    public static ArgBlock Encode<TArgs>(WireWrite<TArgs> write, IReadOnlyList<TArgs> items, int first, int count)
    {
        var offsets = new int[count + 1];
        var writer = new WireWriter(Math.Max(256, count * 8));
        try
        {
            for (int i = 0; i < count; i++)
            {
                TArgs item = items[first + i];
                try
                {
                    write(ref writer, item);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    ThrowHelper.ThrowArgumentCouldNotEncodedWorker(first + i, item, e.Message, nameof(items), e);
                }

                offsets[i + 1] = writer.WrittenCount;
            }

            return new ArgBlock(writer.ToArray(), offsets);
        }
        finally
        {
            writer.Dispose();
        }
    }
}
