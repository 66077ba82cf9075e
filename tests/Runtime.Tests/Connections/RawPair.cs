using System.Buffers.Binary;
using System.Net.Sockets;

namespace Multiproc.Tests.Connections;

/// <summary>A <see cref="Connection"/> whose peer is a bare socket, for writing hand-made frames to it.</summary>
internal sealed class RawPair : IDisposable
{
    private readonly Listener _listener;

    private RawPair(Listener listener, Socket peer)
    {
        _listener = listener;
        Peer = peer;
    }

    /// <summary>The bare socket at the other end.</summary>
    public Socket Peer { get; }

    /// <summary>Creates a TCP loopback pair; <paramref name="connection"/> is the accepted end.</summary>
    public static RawPair Create(out Connection connection)
    {
        var listener = Listener.Tcp();
        var peer = new Socket(SocketType.Stream, ProtocolType.Tcp);
        peer.Connect(listener.Address);
        connection = listener.Accept();
        return new RawPair(listener, peer);
    }

    /// <summary>CPython's header for a huge message: <c>-1</c>, then the length as 8 big-endian bytes.</summary>
    public static byte[] LargeFormHeader(ulong length)
    {
        byte[] header = new byte[12];
        BinaryPrimitives.WriteInt32BigEndian(header, -1);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(4), length);
        return header;
    }

    public void Dispose()
    {
        Peer.Dispose();
        _listener.Dispose();
    }
}
