using System.Buffers.Binary;

namespace Multiproc.Pools;

/// <summary>
/// The five bytes that lead every frame on a worker's task channel: a 4-byte little-endian length of what
/// follows, then the <see cref="WorkerMessage"/> kind. <see cref="TaskFrame"/> and <see cref="ResultFrame"/>
/// write it in place in front of their payload, so a frame is built once, where it is sent from.
/// </summary>
internal static class WorkerFrameHeader
{
    /// <summary>The header's size in bytes.</summary>
    public const int Length = 5;

    /// <summary>Writes the header of a frame whose payload is <paramref name="payloadLength"/> bytes.</summary>
    public static void Write(Span<byte> destination, WorkerMessage kind, int payloadLength)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, payloadLength + 1);
        destination[4] = (byte)kind;
    }
}
