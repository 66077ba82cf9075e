using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc.Managers;

/// <summary>
/// This process's side of one manager: a client session with a primary connection that carries every reference
/// change (so the server releases the session's references when this process goes away, however it goes), and a pool
/// of call connections so that calls from many threads — blocking ones included — run side by side. One per manager
/// per process, shared by all its proxies.
/// </summary>
internal sealed class ManagerClient
{
    private static readonly Dictionary<ulong, ManagerClient> s_byServer = [];
    private static readonly Dictionary<string, ManagerClient> s_byAddress = [];

    private readonly object _primaryGate = new();
    private readonly ConcurrentBag<Connection> _idle = [];
    private Connection? _primary;
    private volatile string? _closedReason;

    private ManagerClient(EndPoint address, byte[] authkey)
    {
        Address = address;
        Authkey = authkey;
        Session = BitConverter.ToUInt64(Interop.OsRandom.GetBytes(8)) | 1;
    }

    /// <summary>The manager's address.</summary>
    public EndPoint Address { get; private set; }

    /// <summary>The manager's authkey.</summary>
    public byte[] Authkey { get; }

    /// <summary>This process's session with the manager.</summary>
    public ulong Session { get; }

    /// <summary>The server's id, learnt at the first connection (0 before).</summary>
    public ulong ServerId { get; private set; }

    /// <summary>Why the client can no longer be used (the owner shut the manager down), or null.</summary>
    public string? ClosedReason => _closedReason;

    /// <summary>Connects a new client and makes it the one proxies for that manager find.</summary>
    /// <exception cref="ManagerUnavailableException">Nothing serves at <paramref name="address"/>.</exception>
    /// <exception cref="AuthenticationFailedException">The authkey is wrong.</exception>
    public static ManagerClient Connect(EndPoint address, byte[] authkey)
    {
        var client = new ManagerClient(address, authkey);
        client.EnsurePrimary();
        lock (s_byServer)
        {
            s_byServer[client.ServerId] = client;
            s_byAddress[AddressKey(address)] = client;
        }

        return client;
    }

    /// <summary>
    /// Starts the client of the owner that started the server child, over the socket pair <paramref name="call"/> it
    /// handed the child at start, which becomes the first call connection; <see cref="CompleteOwner"/> adds the primary
    /// one. They are private to the two processes (like the control channel), so they need no handshake: the owner's
    /// start costs no connect, no authentication and none of their first-use work.
    /// </summary>
    public static ManagerClient BeginOwner(EndPoint address, byte[] authkey, Connection call)
    {
        var client = new ManagerClient(address, authkey);
        client._idle.Add(client.Hello(call, primary: false));
        return client;
    }

    /// <summary>Completes <see cref="BeginOwner"/>: <paramref name="primary"/> (which carried the ready message) becomes the primary connection.</summary>
    public void CompleteOwner(EndPoint address, Connection primary)
    {
        Address = address;
        lock (_primaryGate)
        {
            _primary = Hello(primary, primary: true);
        }

        lock (s_byServer)
        {
            s_byServer[ServerId] = this;
            s_byAddress[AddressKey(address)] = this;
        }
    }

    /// <summary>
    /// The client for a proxy that arrived as bytes: the one already connected to that server, else (with the key
    /// that travelled to a child) a new one, else the one for the same address.
    /// </summary>
    public static ManagerClient Resolve(ulong serverId, EndPoint address, byte[]? authkey)
    {
        lock (s_byServer)
        {
            if (s_byServer.TryGetValue(serverId, out ManagerClient? known) && known._closedReason is null)
            {
                return known;
            }
        }

        if (authkey is null)
        {
            lock (s_byServer)
            {
                if (s_byAddress.TryGetValue(AddressKey(address), out ManagerClient? byAddress) && byAddress._closedReason is null)
                {
                    return byAddress;
                }
            }

            ThrowHelper.ThrowProxyManagerArrivedButProcessNot(Describe(address));
        }

        return Connect(address, authkey);
    }

    /// <summary>Sends a request on a call connection and returns the reply's payload.</summary>
    /// <exception cref="RemoteException">The served object threw.</exception>
    /// <exception cref="ManagerUnavailableException">The manager is shut down, dead or unreachable.</exception>
    public byte[] Request(ReadOnlySpan<byte> frame)
    {
        Connection connection = Rent();
        byte[] reply;
        try
        {
            connection.SendBytes(frame);
            reply = connection.RecvBytes();
        }
        catch (Exception e)
        {
            connection.Close();
            throw Translate(e);
        }

        Return(connection);
        return CheckReply(reply);
    }

    /// <summary>Sends a request without blocking a thread; cancelling drops the connection (the server abandons the call).</summary>
    public async ValueTask<byte[]> RequestAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Connection connection = Rent();
        byte[] reply;
        try
        {
            await connection.SendBytesAsync(frame, cancellationToken).ConfigureAwait(false);
            reply = await connection.RecvBytesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            connection.Close();
            throw e is OperationCanceledException && cancellationToken.IsCancellationRequested ? e : Translate(e);
        }

        Return(connection);
        return CheckReply(reply);
    }

    /// <summary>Sends a reference change or creation on the primary connection (the one whose closing releases them).</summary>
    public byte[] PrimaryRequest(ReadOnlySpan<byte> frame)
    {
        lock (_primaryGate)
        {
            Connection primary = EnsurePrimary();
            byte[] reply;
            try
            {
                primary.SendBytes(frame);
                reply = primary.RecvBytes();
            }
            catch (Exception e)
            {
                primary.Close();
                _closedReason ??= "the connection to the manager broke (the manager process died or was shut down by another program)";
                throw Translate(e);
            }

            return CheckReply(reply);
        }
    }

    /// <summary>Drops one reference; quietly does nothing when the manager is gone (it freed everything).</summary>
    public void DecRef(ulong id)
    {
        if (_closedReason is not null)
        {
            return;
        }

        Span<byte> frame = stackalloc byte[9];
        frame[0] = (byte)ManagerOp.DecRef;
        BitConverter.TryWriteBytes(frame[1..], id);
        try
        {
            PrimaryRequest(frame);
        }
        catch (ManagerUnavailableException)
        {
        }
    }

    /// <summary>Marks the client unusable and closes its connections: later calls fail at once with <paramref name="reason"/>.</summary>
    public void Close(string reason)
    {
        _closedReason ??= reason;
        lock (s_byServer)
        {
            if (s_byServer.TryGetValue(ServerId, out ManagerClient? c) && c == this)
            {
                s_byServer.Remove(ServerId);
            }

            string key = AddressKey(Address);
            if (s_byAddress.TryGetValue(key, out c) && c == this)
            {
                s_byAddress.Remove(key);
            }
        }

        lock (_primaryGate)
        {
            _primary?.Close();
        }

        while (_idle.TryTake(out Connection? idle))
        {
            idle.Close();
        }
    }

    /// <summary>The exception for a manager that is gone.</summary>
    public ManagerUnavailableException Unavailable(Exception? cause = null) => new(
        $"The manager at {Describe(Address)} cannot be used: {_closedReason ?? "it is not reachable (shut down, or its process died)"}.", cause);

    /// <summary>A display form of an address (an abstract Unix socket shows as '@name').</summary>
    public static string Describe(EndPoint address) => address is UnixDomainSocketEndPoint ? $"'{address}'" : address.ToString() ?? "?";

    private static string AddressKey(EndPoint address) => address.ToString() ?? string.Empty;

    private Connection EnsurePrimary()
    {
        lock (_primaryGate)
        {
            if (_primary is { Closed: false } primary)
            {
                return primary;
            }

            ThrowIfClosed();
            if (_primary is not null)
            {
                // A primary connection that broke took the session's references with it; a new one would hold none.
                _closedReason ??= "the connection to the manager broke (the manager process died or was shut down by another program)";
                throw Unavailable();
            }

            _primary = Open(primary: true);
            return _primary;
        }
    }

    private Connection Rent()
    {
        ThrowIfClosed();
        if (_primary is null)
        {
            EnsurePrimary();
        }

        return _idle.TryTake(out Connection? connection) ? connection : Open(primary: false);
    }

    private void Return(Connection connection)
    {
        if (_closedReason is not null)
        {
            connection.Close();
            return;
        }

        _idle.Add(connection);
    }

    private Connection Open(bool primary)
    {
        Connection connection;
        try
        {
            connection = Multiprocessing.Client(Address, Authkey);
        }
        catch (IOException e)
        {
            throw Unavailable(e);
        }

        return Hello(connection, primary);
    }

    /// <summary>Opens the session on a connection (the server replies its id); closes the connection on failure.</summary>
    private Connection Hello(Connection connection, bool primary)
    {
        try
        {
            Span<byte> hello = stackalloc byte[10];
            hello[0] = (byte)ManagerOp.Hello;
            BitConverter.TryWriteBytes(hello[1..], Session);
            hello[9] = primary ? (byte)1 : (byte)0;
            connection.SendBytes(hello);
            byte[] reply = CheckReply(connection.RecvBytes());
            ServerId = BitConverter.ToUInt64(reply);
            return connection;
        }
        catch (Exception e)
        {
            connection.Close();
            throw Translate(e);
        }
    }

    private void ThrowIfClosed()
    {
        if (_closedReason is not null)
        {
            throw Unavailable();
        }
    }

    private Exception Translate(Exception e) => e switch
    {
        RemoteException or ManagerUnavailableException or AuthenticationFailedException => e,
        EndOfStreamException or IOException or ObjectDisposedException or SocketException or MessageLengthException => Unavailable(e),
        _ => e,
    };

    /// <summary>Returns the payload of an Ok reply, or throws what the server reported.</summary>
    private static byte[] CheckReply(byte[] reply)
    {
        if (reply.Length == 0)
        {
            ThrowHelper.ThrowEmptyReplyManager();
        }

        if (reply[0] == (byte)ManagerStatus.Ok)
        {
            return reply[1..];
        }

        var reader = new WireReader(reply.AsSpan(1));
        string type = reader.ReadString() ?? "System.Exception";
        string message = reader.ReadString() ?? string.Empty;
        string text = reader.ReadString() ?? string.Empty;
        throw new RemoteException(type, message, text);
    }
}
