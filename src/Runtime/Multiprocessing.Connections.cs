using System.Net;
using System.Net.Sockets;
using Multiproc.Connections;
using Multiproc.Interop;

namespace Multiproc;

/// <summary>Message passing: <c>multiprocessing.Pipe</c>, <c>multiprocessing.connection.Client</c> and <c>wait</c>.</summary>
public static partial class Multiprocessing
{
    /// <summary>
    /// Creates a connected pair of <see cref="Connection"/>s: Python's <c>multiprocessing.Pipe(duplex)</c>. Pass either
    /// end to a child as a <c>[ProcessTarget]</c> argument.
    /// </summary>
    /// <param name="duplex">
    /// True (the default): both ends send and receive. False: the first end only receives and the second only sends,
    /// as Python's <c>(r, w) = Pipe(False)</c>.
    /// </param>
    /// <returns>The two ends.</returns>
    /// <exception cref="IOException">The operating system refused to create the channel (e.g. out of descriptors).</exception>
    /// <remarks>
    /// Both forms are an AF_UNIX stream socket pair (Python uses <c>os.pipe()</c> for the one-way form); the unused
    /// directions of a one-way pair are shut down, so a misused end fails at once with a clear message.
    /// </remarks>
    public static unsafe (Connection First, Connection Second) Pipe(bool duplex = true)
    {
        (int firstEnd, int secondEnd) = Libc.CreateSocketPair();
        int* fds = stackalloc int[2] { firstEnd, secondEnd };

        if (!duplex)
        {
            Libc.Shutdown(fds[0], Libc.SHUT_WR);
            Libc.Shutdown(fds[1], Libc.SHUT_RD);
        }

        Connection first, second;
        try
        {
            first = Connection.FromDescriptor(fds[0], readable: true, writable: duplex);
        }
        catch
        {
            Libc.Close(fds[1]);
            throw;
        }

        try
        {
            second = Connection.FromDescriptor(fds[1], readable: duplex, writable: true);
        }
        catch
        {
            first.Close();
            throw;
        }

        return (first, second);
    }

    /// <summary>
    /// Connects to a <see cref="Listener"/> — ours or Python's — and returns the connection: Python's
    /// <c>multiprocessing.connection.Client(address, authkey=…)</c>. Blocks until connected and, with an authkey,
    /// until the mutual HMAC handshake is done (either the <c>{sha256}</c> form or the legacy HMAC-MD5 form,
    /// whichever the listener speaks).
    /// </summary>
    /// <param name="address">A <see cref="UnixDomainSocketEndPoint"/>, <see cref="IPEndPoint"/> or <see cref="DnsEndPoint"/>.</param>
    /// <param name="authKey">The shared secret; null when the listener has none.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="IOException">Nothing listens there, or the listener broke off.</exception>
    /// <exception cref="AuthenticationFailedException">The keys differ, or the listener does not speak the handshake.</exception>
    public static Connection Client(EndPoint address, byte[]? authKey = null)
    {
        Connection connection = ConnectSocket(address);
        if (authKey is null)
        {
            return connection;
        }

        try
        {
            ConnectionHandshake.ClientAsync<SyncConnectionIO>(connection, authKey, long.MaxValue, default).GetAwaiter().GetResult();
            return connection;
        }
        catch (Exception e)
        {
            connection.Close();
            throw ClientHandshakeFailed(address, e);
        }
    }

    /// <summary>Connects to a Unix-domain <see cref="Listener"/> at <paramref name="path"/>: Python's <c>Client(path, authkey=…)</c>.</summary>
    /// <param name="path">The socket path.</param>
    /// <param name="authKey">The shared secret; null when the listener has none.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="IOException">Nothing listens there.</exception>
    /// <exception cref="AuthenticationFailedException">The keys differ.</exception>
    public static Connection Client(string path, byte[]? authKey = null) => Client(new UnixDomainSocketEndPoint(path), authKey);

    /// <summary>Connects to a <see cref="Listener"/> without blocking the thread. See <see cref="Client(EndPoint, byte[])"/>.</summary>
    /// <param name="address">The listener's address.</param>
    /// <param name="authKey">The shared secret; null when the listener has none.</param>
    /// <param name="cancellationToken">Cancels connecting or the handshake.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="IOException">Nothing listens there, or the listener broke off.</exception>
    /// <exception cref="AuthenticationFailedException">The keys differ, or the listener does not speak the handshake.</exception>
    public static async Task<Connection> ClientAsync(EndPoint address, byte[]? authKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Normalize(address);
        Socket socket = CreateClientSocket(address);
        try
        {
            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            ThrowHelper.ThrowCannotConnect(address, e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new Connection(socket, readable: true, writable: true);
        if (authKey is null)
        {
            return connection;
        }

        try
        {
            await ConnectionHandshake.ClientAsync<AsyncConnectionIO>(connection, authKey, long.MaxValue, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e)
        {
            connection.Close();
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw ClientHandshakeFailed(address, e);
        }
    }

    /// <summary>
    /// Waits until at least one of <paramref name="objects"/> is ready, or the timeout passes, and returns the ready
    /// ones: Python's <c>multiprocessing.connection.wait(object_list, timeout)</c>. A <see cref="Connection"/> is ready
    /// when it has a message or end-of-stream to receive; a <see cref="Process"/> or <see cref="ProcessSentinel"/> when
    /// the child has exited; a queue reader (<see cref="ProcessQueue{T}"/>, <see cref="JoinableProcessQueue{T}"/>,
    /// <see cref="SimpleProcessQueue{T}"/>) when it holds an item, so that a get would not block. Blocks the calling
    /// thread.
    /// </summary>
    /// <typeparam name="T">
    /// <see cref="Connection"/>, <see cref="Process"/>, <see cref="ProcessSentinel"/>, a queue type, or <see cref="object"/> for a mix.
    /// </typeparam>
    /// <param name="objects">What to wait for.</param>
    /// <param name="timeout">How long to wait; null waits forever.</param>
    /// <returns>The ready objects, in the order given; empty when the timeout passed.</returns>
    /// <exception cref="ArgumentException">An object is of another type, or a write-only connection.</exception>
    /// <exception cref="ObjectDisposedException">A connection or queue is closed.</exception>
    /// <remarks>
    /// <para>
    /// Connections and sentinels are descriptors, waited on with one <c>poll(2)</c>. Queues are shared memory with
    /// futex wake-ups and have no descriptor (in Python a queue's reader is a pipe, so Python can pass
    /// <c>queue._reader</c> to <c>wait</c>; here the queue itself is passed). When the objects include a queue, the
    /// descriptors are polled in slices of 1, 2, 4 then 5 ms and the queues are checked before every slice, so a queue
    /// item is noticed within about 5 ms and an idle wait costs a few hundred wake-ups a second. Without queues there is
    /// no slicing. A ready queue is a hint, as in Python: another consumer may take the item before this thread gets it.
    /// </para>
    /// </remarks>
    public static IReadOnlyList<T> Wait<T>(IEnumerable<T> objects, TimeSpan? timeout = null)
        where T : class => ReadinessWait.Wait(objects, timeout);

    private static Connection ConnectSocket(EndPoint address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Normalize(address);
        Socket socket = CreateClientSocket(address);
        try
        {
            socket.Connect(address);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            ThrowHelper.ThrowCannotConnect(address, e.Message, e);
        }

        return new Connection(socket, readable: true, writable: true);
    }

    /// <summary>An IPv4 address written as IPv6 (<c>::ffff:a.b.c.d</c>, what a dual-mode socket reports) is dialled as IPv4.</summary>
    private static EndPoint Normalize(EndPoint address) =>
        address is IPEndPoint { Address.IsIPv4MappedToIPv6: true } mapped ? new IPEndPoint(mapped.Address.MapToIPv4(), mapped.Port) : address;

    private static Socket CreateClientSocket(EndPoint address) => address switch
    {
        UnixDomainSocketEndPoint => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
        IPEndPoint ip => new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp),
        DnsEndPoint => new Socket(SocketType.Stream, ProtocolType.Tcp),
        _ => throw ThrowHelper.CreateUnsupportedAddressTypeUseUnixDomainSocketEndPointIPEndPoint(address.GetType().Name, nameof(address)),
    };

    private static AuthenticationFailedException ClientHandshakeFailed(EndPoint address, Exception e) => e switch
    {
        AuthenticationFailedException => ThrowHelper.CreateAuthenticationListenerFailed(address, e.Message, e),
        _ => ThrowHelper.CreateListenerBrokeOffAuthenticationHandshake(address, e.Message, e),
    };
}
