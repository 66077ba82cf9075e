using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Multiproc.Connections;

namespace Multiproc;

/// <summary>
/// A listening socket that hands out <see cref="Connection"/>s: Python's <c>multiprocessing.connection.Listener</c>.
/// Listens on a Unix-domain socket (a path) or on TCP (loopback unless another address is given). With an
/// <c>authkey</c>, every accepted client must pass the mutual HMAC challenge/response — CPython 3.12's
/// <c>{sha256}</c> form or the legacy HMAC-MD5 form of Python 3.11 and older — so Python's <c>Client</c> can
/// connect, and <see cref="Multiprocessing.Client(EndPoint, byte[])"/> can connect to a Python <c>Listener</c>.
/// </summary>
/// <remarks>
/// A client that fails the handshake (wrong key, garbage, an oversized or truncated frame, or silence for
/// <see cref="HandshakeTimeout"/>) makes one <see cref="Accept"/> call throw
/// <see cref="AuthenticationFailedException"/> and is disconnected; the listener stays open and the next
/// <see cref="Accept"/> serves the next client, as in Python. Unlike Python, handshakes run concurrently once
/// accepting has begun, so hundreds of silent or slow clients do not hold up a good one (see <see cref="MaxPendingClients"/>). A Unix-domain listener removes its socket file when
/// closed, and at the latest when the process exits normally. Members may be called from any thread;
/// <see cref="Accept"/> blocks.
/// </remarks>
[DebuggerDisplay("Listener {_address} closed={_closed}")]
public sealed class Listener : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[]? _authkey;

    /// <summary>The socket file this listener created and removes on close; null for TCP.</summary>
    private readonly string? _socketPath;

    /// <summary>The private (0700) directory made for a default socket path, removed with the socket; null otherwise.</summary>
    private readonly string? _socketDirectory;

    /// <summary>
    /// Socket files of Unix-domain listeners still open, removed when the process exits normally even if nobody
    /// closed them (Python registers a finalizer that unlinks them at exit).
    /// </summary>
    private static readonly Dictionary<string, string?> s_openSocketFiles = [];

    private static bool s_exitHookInstalled;

    private readonly EndPoint _address = null!;
    private EndPoint? _lastAccepted;
    private TimeSpan _handshakeTimeout = TimeSpan.FromSeconds(30);
    private volatile bool _closed;

    /// <summary>Clients that finished (or failed) their handshake, in that order; created with the accept loop.</summary>
    private Channel<HandshakeResult>? _handshaken;

    /// <summary>Free places for clients in a handshake or waiting in <see cref="_handshaken"/>.</summary>
    private readonly SemaphoreSlim _pendingSlots = new(MaxPendingClients, MaxPendingClients);

    /// <summary>Cancelled by <see cref="Close"/>: ends the accept loop and every handshake in progress.</summary>
    private readonly CancellationTokenSource _closing = new();

    /// <summary>The default backlog: a burst of connecting clients is queued, not refused.</summary>
    private const int DefaultBacklog = 128;

    /// <summary>
    /// Listens on <paramref name="address"/>: Python's <c>Listener(address, authkey=…, backlog=…)</c>.
    /// </summary>
    /// <param name="address">
    /// A <see cref="UnixDomainSocketEndPoint"/> (a path, which must not exist yet), an <see cref="IPEndPoint"/> or a
    /// <see cref="DnsEndPoint"/> (port 0 picks a free port); null for a new Unix-domain socket in a new private (0700)
    /// directory of the temporary directory, both removed when the listener is closed.
    /// </param>
    /// <param name="authKey">The shared secret clients must prove they know; null accepts every client without a handshake.</param>
    /// <param name="backlog">
    /// How many not-yet-accepted clients the operating system queues: 128 by default (Python's default is 1, which
    /// makes a burst of connecting clients fail).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="backlog"/> is negative.</exception>
    /// <exception cref="ArgumentException">The address type is not supported.</exception>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public Listener(EndPoint? address = null, byte[]? authKey = null, int backlog = DefaultBacklog)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(backlog);
        if (address is null)
        {
            // As CPython's arbitrary_address: a directory only this user can enter, so the socket's own mode
            // (which follows the umask) does not matter.
            _socketDirectory = Directory.CreateTempSubdirectory("multiproc-listener-").FullName;
            address = new UnixDomainSocketEndPoint(Path.Combine(_socketDirectory, "listener.sock"));
        }

        if (address is DnsEndPoint dns)
        {
            address = new IPEndPoint(Resolve(dns.Host), dns.Port);
        }

        _authkey = authKey is null ? null : (byte[])authKey.Clone();
        _socket = address switch
        {
            UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
            IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
            _ => throw ThrowHelper.CreateUnsupportedAddressTypeUseUnixDomainSocketEndPointIPEndPoint(address.GetType().Name, nameof(address)),
        };
        try
        {
            _socket.Bind(address);
            if (address is UnixDomainSocketEndPoint unix)
            {
                _socketPath = unix.ToString();
                TrackSocketFile(_socketPath, _socketDirectory);
            }

            _socket.Listen(backlog);
        }
        catch (SocketException e)
        {
            Close();
            ThrowHelper.ThrowCannotListen(Describe(address), e.Message, e);
        }

        _address = _socket.LocalEndPoint ?? address;
    }

    /// <summary>
    /// Listens on TCP <paramref name="port"/> of the loopback interface (127.0.0.1): Python's
    /// <c>Listener(('localhost', port), authkey=…)</c>. Pass an <see cref="IPEndPoint"/> to the constructor to listen elsewhere.
    /// </summary>
    /// <param name="port">The port; 0 picks a free one (read it from <see cref="Address"/>).</param>
    /// <param name="authKey">The shared secret; null for none.</param>
    /// <param name="backlog">How many not-yet-accepted clients are queued.</param>
    /// <returns>The listener.</returns>
    public static Listener Tcp(int port = 0, byte[]? authKey = null, int backlog = DefaultBacklog) =>
        new(new IPEndPoint(IPAddress.Loopback, port), authKey, backlog);

    /// <summary>
    /// Listens on a Unix-domain socket at <paramref name="path"/>: Python's <c>Listener(path, 'AF_UNIX', authkey=…)</c>.
    /// The socket file is removed when the listener is closed.
    /// </summary>
    /// <param name="path">The socket path, which must not exist yet; null for a new one in a new private (0700) directory.</param>
    /// <param name="authKey">The shared secret; null for none.</param>
    /// <param name="backlog">How many not-yet-accepted clients are queued.</param>
    /// <returns>The listener.</returns>
    public static Listener Unix(string? path = null, byte[]? authKey = null, int backlog = DefaultBacklog) =>
        new(path is null ? null : new UnixDomainSocketEndPoint(path), authKey, backlog);

    /// <summary>The address clients connect to, with the actual port for TCP (Python's <c>address</c>).</summary>
    /// <exception cref="ObjectDisposedException">The listener is closed.</exception>
    public EndPoint Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            return _address;
        }
    }

    /// <summary>The address of the last accepted client (Python's <c>last_accepted</c>); null before the first.</summary>
    /// <exception cref="ObjectDisposedException">The listener is closed.</exception>
    public EndPoint? LastAccepted
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            return _lastAccepted;
        }

        private set => _lastAccepted = value;
    }

    /// <summary>
    /// How long an accepted client may take over the authentication handshake before it is disconnected and
    /// <see cref="Accept"/> fails (30 seconds by default; <see cref="Timeout.InfiniteTimeSpan"/> waits forever, as
    /// Python does). Only used with an <c>authkey</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative (other than infinite).</exception>
    public TimeSpan HandshakeTimeout
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            return _handshakeTimeout;
        }

        set
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                ThrowHelper.ThrowHandshakeTimeoutMustPositiveTimeoutInfiniteTimeSpan(nameof(value), value);
            }

            _handshakeTimeout = value;
        }
    }

    /// <summary>
    /// Waits for a client and returns the connection to it, after the authentication handshake when there is an
    /// authkey: Python's <c>accept()</c>. Blocks the calling thread.
    /// </summary>
    /// <remarks>
    /// With an authkey, handshakes run concurrently in the background (no thread each) as clients connect, and
    /// <see cref="Accept"/> returns the first client that finished its handshake (or throws for the first that
    /// failed it): a slow or silent client delays nobody else. At most <see cref="MaxPendingClients"/> clients are
    /// in the handshake or waiting to be accepted; further ones wait in the operating system's backlog.
    /// </remarks>
    /// <returns>The connection (readable and writable).</returns>
    /// <exception cref="AuthenticationFailedException">The client failed the handshake; it has been disconnected and the listener goes on.</exception>
    /// <exception cref="ObjectDisposedException">The listener is closed.</exception>
    public Connection Accept()
    {
        if (_authkey is null)
        {
            return new Connection(AcceptSocket(), readable: true, writable: true);
        }

        ObjectDisposedException.ThrowIf(_closed, this);
        ValueTask<HandshakeResult> next = Handshaken().ReadAsync(CancellationToken.None);
        HandshakeResult result;
        try
        {
            result = next.IsCompletedSuccessfully ? next.Result : next.AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException e)
        {
            throw Closed(e);
        }

        return Deliver(result);
    }

    /// <summary>Waits for a client without blocking the thread: Python's <c>accept()</c>. See <see cref="Accept"/>.</summary>
    /// <param name="cancellationToken">
    /// Cancels the wait. A handshake in progress goes on in the background; its client is handed to a later accept.
    /// </param>
    /// <returns>The connection.</returns>
    /// <exception cref="AuthenticationFailedException">The client failed the handshake; it has been disconnected and the listener goes on.</exception>
    /// <exception cref="ObjectDisposedException">The listener is closed.</exception>
    public async Task<Connection> AcceptAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_authkey is null)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
            {
                throw Closed(e);
            }

            LastAccepted = client.RemoteEndPoint;
            return new Connection(client, readable: true, writable: true);
        }

        HandshakeResult result;
        try
        {
            result = await Handshaken().ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw Closed(e);
        }

        return Deliver(result);
    }

    /// <summary>
    /// Stops listening (Python's <c>close()</c>) and, for a Unix-domain listener, removes the socket file.
    /// Connections already accepted stay open. Idempotent.
    /// </summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _socket.Dispose();
        StopHandshakes();
        if (_socketPath is not null)
        {
            lock (s_openSocketFiles)
            {
                s_openSocketFiles.Remove(_socketPath);
            }

            DeleteSocketFile(_socketPath, _socketDirectory);
        }
        else if (_socketDirectory is not null)
        {
            DeleteSocketFile(null, _socketDirectory);
        }
    }

    /// <summary>Stops listening; the same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>
    /// How many clients of a listener with an authkey may be in the authentication handshake or waiting for
    /// <see cref="Accept"/> at once (1024). Each costs a socket and a few hundred bytes, no thread; once the
    /// limit is reached, further clients wait in the operating system's backlog until one of them finishes.
    /// </summary>
    public const int MaxPendingClients = 1024;

    /// <summary>The handshake results, starting the accept loop on first use.</summary>
    private ChannelReader<HandshakeResult> Handshaken()
    {
        if (Volatile.Read(ref _handshaken) is { } existing)
        {
            return existing.Reader;
        }

        var channel = Channel.CreateUnbounded<HandshakeResult>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
        if (Interlocked.CompareExchange(ref _handshaken, channel, null) is { } other)
        {
            return other.Reader;
        }

        _ = Task.Run(AcceptLoopAsync);
        if (_closed)
        {
            StopHandshakes();
        }

        return channel.Reader;
    }

    /// <summary>Accepts clients while there is room and starts a handshake for each; ends when the listener closes.</summary>
    private async Task AcceptLoopAsync()
    {
        CancellationToken closing = _closing.Token;
        while (true)
        {
            Socket client;
            try
            {
                await _pendingSlots.WaitAsync(closing).ConfigureAwait(false);
                client = await _socket.AcceptAsync(closing).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_closed)
                {
                    return;
                }

                // Accepting itself failed (e.g. out of descriptors): report it to an accept, then go on.
                _handshaken!.Writer.TryWrite(new HandshakeResult(null, null, Closed(e)));
                try
                {
                    await Task.Delay(100, closing).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            _ = HandshakeAsync(client);
        }
    }

    /// <summary>Runs one client's handshake and queues the outcome for <see cref="Accept"/>.</summary>
    private async Task HandshakeAsync(Socket client)
    {
        EndPoint? remote = client.RemoteEndPoint;
        var connection = new Connection(client, readable: true, writable: true);
        TimeSpan limit = _handshakeTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        if (limit != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(limit);
        }

        HandshakeResult result;
        try
        {
            await ConnectionHandshake.ServerAsync<AsyncConnectionIO>(connection, _authkey!, long.MaxValue, timeout.Token).ConfigureAwait(false);
            result = new HandshakeResult(connection, remote, null);
        }
        catch (Exception e)
        {
            connection.Close();
            result = new HandshakeResult(null, remote, HandshakeFailed(remote, limit, e is OperationCanceledException ? ThrowHelper.CreateConnectionTimeout() : e));
        }

        if (_closed || !_handshaken!.Writer.TryWrite(result))
        {
            result.Connection?.Close();
            ReleaseSlot();
        }
    }

    /// <summary>Hands a queued outcome to an accept: the connection, or the handshake's failure.</summary>
    private Connection Deliver(HandshakeResult result)
    {
        ReleaseSlot();
        _lastAccepted = result.Remote ?? _lastAccepted;
        return result.Connection ?? throw result.Error!;
    }

    private void ReleaseSlot() => _pendingSlots.Release();

    /// <summary>Ends the accept loop and the handshakes in progress, and closes the clients nobody accepted.</summary>
    private void StopHandshakes()
    {
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        if (Volatile.Read(ref _handshaken) is { } channel)
        {
            channel.Writer.TryComplete();
            while (channel.Reader.TryRead(out HandshakeResult? result))
            {
                result.Connection?.Close();
            }
        }
    }

    /// <summary>One client's handshake outcome: its connection, or why it was refused.</summary>
    private sealed record HandshakeResult(Connection? Connection, EndPoint? Remote, Exception? Error);

    private static void TrackSocketFile(string path, string? directory)
    {
        lock (s_openSocketFiles)
        {
            s_openSocketFiles[path] = directory;
            if (!s_exitHookInstalled)
            {
                s_exitHookInstalled = true;
                ExitSignals.Install();
                AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
                {
                    lock (s_openSocketFiles)
                    {
                        foreach ((string path, string? directory) in s_openSocketFiles)
                        {
                            DeleteSocketFile(path, directory);
                        }

                        s_openSocketFiles.Clear();
                    }
                };
            }
        }
    }

    /// <summary>Removes a socket file and the private directory made for it (either may be null).</summary>
    private static void DeleteSocketFile(string? path, string? directory)
    {
        try
        {
            if (path is not null)
            {
                File.Delete(path);
            }

            if (directory is not null)
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Already gone or not ours to remove any more; nothing to report at close or exit.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Accepts the next client without authenticating it, for a server that authenticates each client on a thread of
    /// its own with <see cref="Authenticate"/> (the manager server). Unlike <see cref="Accept"/>, whose concurrent
    /// handshakes are asynchronous, the client's socket then never joins the runtime's asynchronous socket engine, so
    /// the blocking sends and receives that follow are plain system calls, with no engine wake-up for every message.
    /// </summary>
    /// <returns>The connection, not yet authenticated.</returns>
    /// <exception cref="ObjectDisposedException">The listener is closed.</exception>
    /// <exception cref="IOException">Accepting failed (the listener itself may go on).</exception>
    internal Connection AcceptUnauthenticated() => new(AcceptSocket(), readable: true, writable: true);

    /// <summary>
    /// Runs the listener's side of the handshake with a client from <see cref="AcceptUnauthenticated"/> on the calling
    /// thread, within <see cref="HandshakeTimeout"/>. Does nothing for a listener without an authkey.
    /// </summary>
    /// <param name="connection">The client; closed when the handshake fails.</param>
    /// <param name="remote">The client's address, for the message.</param>
    /// <exception cref="AuthenticationFailedException">The client failed, broke off or did not finish the handshake in time.</exception>
    internal void Authenticate(Connection connection, EndPoint? remote)
    {
        if (_authkey is null)
        {
            return;
        }

        TimeSpan limit = _handshakeTimeout;
        long deadline = limit == Timeout.InfiniteTimeSpan ? long.MaxValue : Environment.TickCount64 + (long)limit.TotalMilliseconds;
        try
        {
            ConnectionHandshake.ServerAsync<SyncConnectionIO>(connection, _authkey, deadline, default).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            connection.Close();
            throw _closed ? new ObjectDisposedException(nameof(Listener), "The listener was closed.") : HandshakeFailed(remote, limit, e);
        }
    }

    private Socket AcceptSocket()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            Socket client = _socket.Accept();
            LastAccepted = client.RemoteEndPoint;
            return client;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            throw Closed(e);
        }
    }

    private Exception Closed(Exception e) => _closed
        ? ThrowHelper.CreateListenerClosed(nameof(Listener))
        : e is SocketException socket ? ThrowHelper.CreateAcceptingFailed(Describe(_address), socket.Message, e) : e;

    private AuthenticationFailedException HandshakeFailed(EndPoint? remote, TimeSpan limit, Exception e)
    {
        string who = remote is UnixDomainSocketEndPoint or null ? "A client" : $"The client {remote}";
        MultiprocLog.ClientRejected(Describe(Address), remote is UnixDomainSocketEndPoint or null ? "a client" : $"client {remote}", e.Message);
        return e switch
        {
            TimeoutException => ThrowHelper.CreateDidNotCompleteAuthenticationHandshakeWithin(who, Describe(_address), limit.TotalSeconds, e),
            AuthenticationFailedException => ThrowHelper.CreateFailedAuthenticationBeenDisconnected(who, Describe(_address), e.Message, e),
            _ => ThrowHelper.CreateBrokeOffAuthenticationHandshakeBeenDisconnected(who, Describe(_address), e.Message, e),
        };
    }

    /// <summary>Describes the listener: its address, and whether it is closed (Python's <c>Listener.address</c>).</summary>
    /// <returns>For example <c>&lt;Listener 127.0.0.1:40123&gt;</c> or <c>&lt;Listener '/tmp/mp-…' closed&gt;</c>.</returns>
    public override string ToString() => $"<Listener {(_address is null ? "?" : Describe(_address))}{(_closed ? " closed" : string.Empty)}>";

    private static string Describe(EndPoint address) => address is UnixDomainSocketEndPoint ? $"'{address}'" : address.ToString() ?? "?";

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out IPAddress? parsed))
        {
            return parsed;
        }

        IPAddress[] addresses = Dns.GetHostAddresses(host);
        return Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? (addresses.Length > 0 ? addresses[0] : throw ThrowHelper.CreateHostNameDoesNotResolveAddress(host));
    }
}
