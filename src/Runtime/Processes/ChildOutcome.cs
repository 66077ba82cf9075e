using Multiproc.Serialization;

namespace Multiproc.Processes;

/// <summary>Encodes an exception for the trip to the parent: type name, message and full text; no type is rebuilt.</summary>
internal static class ChildOutcome
{
    public static byte[] EncodeException(Exception exception)
    {
        var writer = new WireWriter();
        try
        {
            writer.WriteString(exception.GetType().FullName ?? exception.GetType().Name);
            writer.WriteString(exception.Message);
            writer.WriteString(exception.ToString());
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static RemoteException DecodeException(byte[] payload)
    {
        var reader = new WireReader(payload);
        string type = reader.ReadString() ?? "System.Exception";
        string message = reader.ReadString() ?? string.Empty;
        string text = reader.ReadString() ?? string.Empty;
        return new RemoteException(type, message, text);
    }
}
