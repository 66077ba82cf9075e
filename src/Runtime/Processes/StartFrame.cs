using Multiproc.Serialization;

namespace Multiproc.Processes;

/// <summary>
/// The payload of the control channel's Start frame (docs/wire-format.md): which target to run, its
/// schema hash, the child's name and identity, the daemon flag, who the parent is, and the encoded
/// arguments. The parent encodes it; the child decodes it.
/// </summary>
internal readonly record struct StartFrame(
    ulong TargetId,
    ulong SchemaHash,
    string TargetName,
    string Name,
    string Identity,
    bool Daemon,
    int ParentPid,
    string? ParentName,
    byte[] Arguments)
{
    /// <summary>The frame's bytes, led by <see cref="StartProtocol.ProtocolMagic"/>.</summary>
    public byte[] Encode()
    {
        var writer = new WireWriter(Arguments.Length + 256);
        try
        {
            writer.WriteUnmanaged(StartProtocol.ProtocolMagic);
            writer.WriteUInt64(TargetId);
            writer.WriteUInt64(SchemaHash);
            writer.WriteString(TargetName);
            writer.WriteString(Name);
            writer.WriteString(Identity);
            writer.WriteBoolean(Daemon);
            writer.WriteInt32(ParentPid);
            writer.WriteString(ParentName);
            writer.WriteUnmanagedArray(Arguments);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>
    /// Reads a frame; false (with the <paramref name="magic"/> found) when it is of another protocol
    /// version, whose fields cannot be trusted.
    /// </summary>
    public static bool TryDecode(byte[] payload, out uint magic, out StartFrame frame)
    {
        var reader = new WireReader(payload);
        magic = reader.ReadUnmanaged<uint>();
        if (magic != StartProtocol.ProtocolMagic)
        {
            frame = default;
            return false;
        }

        frame = new StartFrame(
            TargetId: reader.ReadUInt64(),
            SchemaHash: reader.ReadUInt64(),
            TargetName: reader.ReadString() ?? "?",
            Name: reader.ReadString() ?? "Process",
            Identity: reader.ReadString() ?? string.Empty,
            Daemon: reader.ReadBoolean(),
            ParentPid: reader.ReadInt32(),
            ParentName: reader.ReadString(),
            Arguments: reader.ReadUnmanagedArray<byte>() ?? []);
        return true;
    }
}
