using Multiproc.Serialization;

namespace Multiproc.Managers.Served;

/// <summary>
/// What a served object's method sees of the call it serves: the caller's session and thread (lock owners), and
/// a wait that gives up when the caller goes away or the server stops, so that no server thread blocks for ever
/// on behalf of a client that no longer exists.
/// </summary>
internal sealed class CallContext
{
    /// <summary>How often a blocked call checks whether its client is still there.</summary>
    private const int CheckIntervalMs = 100;

    private readonly Connection _connection;
    private readonly ManagerServer _server;

    public CallContext(Connection connection, ManagerServer server)
    {
        _connection = connection;
        _server = server;
    }

    /// <summary>The client session of the connection (one per client process and manager).</summary>
    public ulong Session { get; set; }

    /// <summary>The server, for methods that return other objects.</summary>
    public ManagerServer Server => _server;

    /// <summary>
    /// Waits (holding <paramref name="gate"/>'s monitor, which <see cref="Monitor.Wait(object, int)"/> releases while
    /// waiting) until <paramref name="ready"/> holds or <paramref name="deadline"/> (a <see cref="Environment.TickCount64"/>
    /// value, <see cref="long.MaxValue"/> for none) passes. Whoever changes the state calls <see cref="Monitor.PulseAll"/>.
    /// </summary>
    /// <returns>True when <paramref name="ready"/> holds; false at the deadline.</returns>
    /// <exception cref="ClientGoneException">The client closed its connection, or the server is stopping.</exception>
    public bool Wait(object gate, Func<bool> ready, long deadline)
    {
        while (!ready())
        {
            long remaining = deadline == long.MaxValue ? CheckIntervalMs : deadline - Environment.TickCount64;
            if (remaining <= 0)
            {
                return false;
            }

            Monitor.Wait(gate, (int)Math.Min(remaining, CheckIntervalMs));
            if (_server.IsStopping || _connection.Closed || SafePoll())
            {
                // Mid-call the client sends nothing, so something to read means it hung up.
                throw new ClientGoneException();
            }
        }

        return true;
    }

    /// <summary>Converts a timeout in milliseconds (negative: none) to a deadline for <see cref="Wait"/>.</summary>
    public static long Deadline(int timeoutMs) => timeoutMs < 0 ? long.MaxValue : Environment.TickCount64 + timeoutMs;

    /// <summary>Reads an item's bytes (a length-prefixed blob) from the arguments.</summary>
    public static byte[] ReadItem(ref WireReader reader) => reader.ReadUnmanagedArray<byte>() ?? throw ThrowHelper.CreateNullItemBlob();

    private bool SafePoll()
    {
        try
        {
            return _connection.Poll();
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}

/// <summary>Thrown inside the server when the client of a blocked call is gone; the call is abandoned.</summary>
internal sealed class ClientGoneException : Exception
{
    public ClientGoneException()
        : base("The client closed its connection while a call was waiting.")
    {
    }
}
