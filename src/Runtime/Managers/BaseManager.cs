using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Multiproc.Managers;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A manager: a server that owns objects, and the proxies other processes use to call them — Python's
/// <c>multiprocessing.managers.BaseManager</c>. <see cref="Start"/> runs the server in a child process (a daemon, so it
/// never outlives this program); <see cref="ServeForever"/> serves from this process (a program that only serves);
/// <see cref="Connect"/> attaches to a manager another program runs, on this machine or another.
/// </summary>
/// <remarks>
/// <para>
/// What a manager serves under a name is declared with <see cref="Register{TProxy}(string)"/> on both sides, as in
/// Python: the serving side's registration makes the object (one per name, created on first use, living as long as the
/// server — Python's <c>register(typeid, callable=lambda: obj)</c>), the connecting side's declares what to expect
/// (Python's <c>register(typeid)</c> without a callable). <see cref="Get{TProxy}(string)"/> returns a proxy to it.
/// </para>
/// <para>
/// Clients authenticate with the mutual HMAC handshake of <see cref="Listener"/>; a client with the wrong key is refused
/// (<see cref="AuthenticationFailedException"/>) and the server goes on serving. Only a name's hash, object ids and
/// method ids cross the wire; values travel in Multiproc's wire format, never as type names.
/// </para>
/// <para>
/// <see cref="Dispose"/> on a manager that started or serves the server shuts the server down the way Python does (a
/// shutdown request, a wait, then terminate, then kill): every object is freed, and every proxy fails at once with
/// <see cref="ManagerUnavailableException"/> afterwards, and the manager itself with <see cref="ObjectDisposedException"/>. On a connected manager it closes this program's connections,
/// releasing its references; the server goes on.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public class BaseManager : IDisposable, IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ManagerRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly EndPoint? _requestedAddress;
    private readonly byte[] _authkey;
    private Process? _process;
    private ManagerServer? _server;
    private ManagerClient? _client;
    private EndPoint? _address;
    private Mode _mode;

    /// <summary>
    /// Creates a manager (Python's <c>BaseManager(address, authkey)</c>); nothing runs until <see cref="Start"/>,
    /// <see cref="ServeForever"/> or <see cref="Connect"/>.
    /// </summary>
    /// <param name="address">
    /// Where the server listens or is found: an <see cref="IPEndPoint"/> or <see cref="DnsEndPoint"/> for TCP
    /// (<c>IPAddress.Any</c> to accept other machines), a <see cref="UnixDomainSocketEndPoint"/>; null for a private Unix
    /// socket of this machine (an abstract one: no file to clean up).
    /// </param>
    /// <param name="authKey">The shared secret; null for a new random one (fine for a manager this program starts).</param>
    public BaseManager(EndPoint? address = null, byte[]? authKey = null)
    {
        _requestedAddress = address;
        _authkey = authKey is null ? Interop.OsRandom.GetBytes(32) : (byte[])authKey.Clone();
    }

    private enum Mode
    {
        Initial,
        Started,
        Serving,
        Connected,
        ShutDown,
    }

    /// <summary>The address clients connect to, with the actual port once running (Python's <c>address</c>).</summary>
    public EndPoint? Address => _address ?? _requestedAddress;

    /// <summary>A copy of the authkey (Python's <c>_authkey</c>).</summary>
    public byte[] AuthKey => (byte[])_authkey.Clone();

    /// <summary>The server's process, when <see cref="Start"/> started one; null otherwise.</summary>
    public Process? ServerProcess => _process;

    /// <summary>
    /// Declares a name this manager serves or is expected to serve, and the proxy type for it (Python's
    /// <c>register(typeid, …)</c>). On the serving side the object is one shared object made on first use; a
    /// <see cref="ListProxy{T}"/>, <see cref="DictProxy{TKey, TValue}"/>, <see cref="QueueProxy{T}"/>,
    /// <see cref="JoinableQueueProxy{T}"/>, <see cref="LockProxy"/>, <see cref="EventProxy"/>,
    /// <see cref="ConditionProxy"/>, <see cref="SemaphoreProxy"/> or <see cref="NamespaceProxy"/> starts empty (a
    /// semaphore at 1).
    /// </summary>
    /// <typeparam name="TProxy">The proxy type clients get.</typeparam>
    /// <param name="typeId">The name (Python's typeid), e.g. <c>"get_task_queue"</c>.</param>
    /// <exception cref="ArgumentException">The name is empty, or the kind needs an initial value (value, array, barrier).</exception>
    /// <exception cref="InvalidOperationException">The manager is already running.</exception>
    public void Register<TProxy>(string typeId)
        where TProxy : BaseProxy, IManagedProxy<TProxy>
    {
        ThrowIfShutDown();
        ArgumentException.ThrowIfNullOrEmpty(typeId);
        lock (_gate)
        {
            if (_mode is Mode.Started or Mode.Serving)
            {
                ThrowHelper.ThrowRegisterTypeidsBeforeManagerStartsServing();
            }

            _registrations[typeId] = new ManagerRegistration(ManagerRegistration.HashOf(typeId), TProxy.Kind, DefaultInit(TProxy.Kind, typeId)) { TypeId = typeId };
        }
    }

    /// <summary>
    /// Declares a name under which this manager serves an object implementing a
    /// <see cref="SharedInterfaceAttribute">[SharedInterface]</see> (Python's <c>register(typeid, callable)</c>): the
    /// object <paramref name="factory"/> makes on first use, served to every client under that name. Without a factory
    /// it declares the name: on the connecting side, what the remote manager serves (Python's <c>register(typeid)</c>);
    /// on the serving side (<see cref="Start"/> or <see cref="ServeForever"/>), the object the factory registered with
    /// <see cref="RegisterFactory"/> makes. A manager given factories here serves from this process
    /// (<see cref="ServeForever"/>/<see cref="ServeForeverAsync"/>), because a delegate cannot travel to a server process.
    /// </summary>
    /// <typeparam name="TInterface">The shared interface.</typeparam>
    /// <param name="typeId">The name, e.g. <c>"get_counter"</c>.</param>
    /// <param name="factory">Makes the served object; null on the connecting side.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TInterface"/> is not a [SharedInterface], or the manager is already running.</exception>
    public void RegisterShared<TInterface>(string typeId, Func<TInterface>? factory = null)
        where TInterface : class
    {
        ThrowIfShutDown();
        ArgumentException.ThrowIfNullOrEmpty(typeId);
        SharedInterfaceInfo info = SharedInterfaces.InfoOf<TInterface>();
        lock (_gate)
        {
            if (_mode is Mode.Started or Mode.Serving)
            {
                ThrowHelper.ThrowRegisterTypeidsBeforeManagerStartsServing();
            }

            Func<Managers.Served.ServedObject>? make = factory is null
                ? null
                : () => new Managers.Served.ServedCustom(factory() ?? throw ThrowHelper.CreateFactoryRegisteredReturnedNull(typeId), info);
            _registrations[typeId] = new ManagerRegistration(ManagerRegistration.HashOf(typeId), ManagedObjectKind.Custom, [], info.Id, make) { TypeId = typeId };
        }
    }

    /// <summary>
    /// Registers, for every manager this process serves, the factory of the shared object named
    /// <paramref name="typeId"/> (Python's class-level <c>BaseManager.register(typeid, callable)</c>). A manager that
    /// declares the name with <see cref="RegisterShared{TInterface}(string, Func{TInterface})"/> and no factory then
    /// serves the object <paramref name="factory"/> makes on first use — from <see cref="ServeForever"/>, and from the
    /// child <see cref="Start"/> runs, because the child runs this registration too: call it where every process of the
    /// program runs it, before the <see cref="Multiprocessing.TryRunChild(out int)"/> guard in <c>Main</c> (as Python's
    /// module-level <c>register</c> runs again in a spawned server) or in a static constructor or module initializer that
    /// runs there. Registering a name again replaces its factory.
    /// </summary>
    /// <typeparam name="TInterface">The shared interface.</typeparam>
    /// <param name="typeId">The name, e.g. <c>"get_counter"</c>.</param>
    /// <param name="factory">Makes the served object, in the serving process.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TInterface"/> is not a [SharedInterface].</exception>
    public static void RegisterFactory<TInterface>(string typeId, Func<TInterface> factory)
        where TInterface : class
    {
        ArgumentException.ThrowIfNullOrEmpty(typeId);
        ArgumentNullException.ThrowIfNull(factory);
        SharedInterfaceInfo info = SharedInterfaces.InfoOf<TInterface>();
        SharedFactories.Register(typeId, info.Id, () => new Managers.Served.ServedCustom(factory() ?? throw ThrowHelper.CreateFactoryRegisteredReturnedNull(typeId), info));
    }

    /// <summary>A proxy for the shared object registered as <paramref name="typeId"/> (Python's <c>manager.get_counter()</c>).</summary>
    /// <typeparam name="TInterface">The shared interface; must match the registration.</typeparam>
    /// <param name="typeId">The registered name.</param>
    /// <returns>A new proxy implementing <typeparamref name="TInterface"/>; dispose it (it is an <see cref="IDisposable"/> <see cref="BaseProxy"/>) when done.</returns>
    /// <exception cref="InvalidOperationException">The name was not registered with this interface.</exception>
    /// <exception cref="RemoteException">The server does not serve the name, or serves another interface under it.</exception>
    /// <exception cref="ObjectDisposedException">This manager was shut down or disposed.</exception>
    /// <exception cref="ManagerUnavailableException">The manager's server is gone or unreachable.</exception>
    public TInterface GetShared<TInterface>(string typeId)
        where TInterface : class
    {
        ThrowIfShutDown();
        ArgumentException.ThrowIfNullOrEmpty(typeId);
        SharedInterfaceInfo info = SharedInterfaces.InfoOf<TInterface>();
        ManagerRegistration? registration;
        lock (_gate)
        {
            _registrations.TryGetValue(typeId, out registration);
        }

        if (registration is null || registration.InterfaceId != info.Id)
        {
            ThrowHelper.ThrowNotRegisteredManagerCallRegisterSharedFirst(typeId, info.Name, typeof(TInterface).Name, typeId);
        }

        var frame = new byte[18];
        frame[0] = (byte)ManagerOp.GetRegistered;
        BitConverter.TryWriteBytes(frame.AsSpan(1), registration.Hash);
        frame[9] = (byte)ManagedObjectKind.Custom;
        BitConverter.TryWriteBytes(frame.AsSpan(10), info.Id);
        ManagerClient client = Client();
        ulong id = BitConverter.ToUInt64(client.PrimaryRequest(frame));
        return SharedInterfaces.Attach<TInterface>(new ProxyReference(client, id, ManagedObjectKind.Custom));
    }

    /// <summary>
    /// Starts the server in a child process and waits until it listens (Python's <c>start()</c>). The child is a daemon:
    /// it ends with this program even when this program is killed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The manager was already started, connected or shut down.</exception>
    /// <exception cref="IOException">The server could not listen (the address is in use).</exception>
    /// <exception cref="ProcessStartException">The server process could not be started.</exception>
    public void Start()
    {
        lock (_gate)
        {
            RequireInitial();
            if (_registrations.Values.Any(static r => r.Factory is not null))
            {
                ThrowHelper.ThrowManagerServesSharedObjectsMadeFactories();
            }

            // Fails here, naming the typeid, rather than in the child: the child runs the same static registrations.
            SharedFactories.Resolve(_registrations.Values);

            EndPoint address = _requestedAddress ?? new UnixDomainSocketEndPoint($"\0multiproc-manager-{Environment.ProcessId}-{Convert.ToHexString(Interop.OsRandom.GetBytes(8)).ToLowerInvariant()}");
            // Two socket pairs go to the child with its start: the first carries the ready message and then serves as
            // this process's primary connection, the second as its first call connection. Only the two processes hold
            // them, so they need no connect and no handshake (which, run for the first time in both processes, cost
            // more than the rest of the start).
            (Connection primary, Connection serverPrimary) = Multiprocessing.Pipe(duplex: true);
            (Connection calls, Connection serverCalls) = Multiprocessing.Pipe(duplex: true);
            Process process;
            try
            {
                process = Process.Create(ManagerHost.Target, new ManagerStart(address, _authkey, [.. _registrations.Values], serverPrimary, serverCalls), new ProcessOptions { Name = $"{GetType().Name}-server", Daemon = true });
                process.Start();
            }
            catch
            {
                primary.Close();
                calls.Close();
                throw;
            }
            finally
            {
                serverPrimary.Close();
                serverCalls.Close();
            }

            // The session starts on the call connection while the server still sets up its listener.
            ManagerClient? client = null;
            Exception? sessionFailure = null;
            try
            {
                client = ManagerClient.BeginOwner(address, _authkey, calls);
            }
            catch (Exception e)
            {
                sessionFailure = e;
            }

            try
            {
                byte[] ready;
                try
                {
                    ready = primary.RecvBytes();
                }
                catch (EndOfStreamException e)
                {
                    process.Join();
                    int? code = process.ExitCode;
                    throw ThrowHelper.CreateManagerServerProcessExitedCodeBefore(code, e);
                }

                _address = Dialable(ManagerHost.ReadReady(ready));
                if (sessionFailure is not null)
                {
                    throw sessionFailure;
                }

                client!.CompleteOwner(_address, primary);
            }
            catch
            {
                client?.Close("the manager's server did not start");
                primary.Close();
                if (process.IsAlive)
                {
                    process.Kill();
                }

                process.Join();
                process.Close();
                throw;
            }

            _process = process;
            _client = client;
            _mode = Mode.Started;
        }
    }

    /// <summary>Starts the server in a child process without blocking the calling thread. See <see cref="Start"/>.</summary>
    /// <param name="cancellationToken">Cancels waiting for the start.</param>
    /// <returns>A task that completes when the server listens.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.Run(Start, cancellationToken);

    /// <summary>
    /// Connects to a manager another program serves (Python's <c>connect()</c>), authenticating with the authkey given
    /// at construction. Fails at once when nothing listens there.
    /// </summary>
    /// <exception cref="InvalidOperationException">No address was given, or the manager was already started or connected.</exception>
    /// <exception cref="ManagerUnavailableException">Nothing listens at the address.</exception>
    /// <exception cref="AuthenticationFailedException">The authkey is wrong.</exception>
    public void Connect()
    {
        lock (_gate)
        {
            RequireInitial();
            EndPoint address = _requestedAddress ?? throw ThrowHelper.CreateConnectNeedsManagerAddressPassConstructor();
            _client = ManagerClient.Connect(Dialable(address), _authkey);
            _address = _client.Address;
            _mode = Mode.Connected;
        }
    }

    /// <summary>Connects without blocking the calling thread. See <see cref="Connect"/>.</summary>
    /// <param name="cancellationToken">Cancels waiting for the connection.</param>
    /// <returns>A task that completes when connected.</returns>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => Task.Run(Connect, cancellationToken);

    /// <summary>
    /// Serves from this process until a client (or <see cref="Shutdown"/> from another thread) shuts the server down
    /// (Python's <c>get_server().serve_forever()</c>). Blocks the calling thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">The manager was already started, connected or shut down.</exception>
    /// <exception cref="IOException">The address is in use.</exception>
    public void ServeForever() => BeginServing().Stopped.GetAwaiter().GetResult();

    /// <summary>
    /// Serves from this process until the server is shut down or <paramref name="cancellationToken"/> is cancelled
    /// (which shuts it down), without blocking a thread. This program may use proxies of its own meanwhile.
    /// </summary>
    /// <param name="cancellationToken">Stops serving.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    /// <exception cref="InvalidOperationException">The manager was already started, connected or shut down.</exception>
    /// <exception cref="IOException">The address is in use.</exception>
    public async Task ServeForeverAsync(CancellationToken cancellationToken = default)
    {
        ManagerServer server = BeginServing();
        using (cancellationToken.Register(static s => ((ManagerServer)s!).Stop(), server))
        {
            await server.Stopped.ConfigureAwait(false);
        }

        Shutdown();
    }

    /// <summary>A proxy for the object registered as <paramref name="typeId"/> (Python's <c>manager.get_task_queue()</c>).</summary>
    /// <typeparam name="TProxy">The proxy type; must match the registration.</typeparam>
    /// <param name="typeId">The registered name.</param>
    /// <returns>A new proxy (dispose it when done).</returns>
    /// <exception cref="InvalidOperationException">The manager is not running here, or the name was not registered with this proxy type.</exception>
    /// <exception cref="RemoteException">The server has no such name, or serves another kind under it.</exception>
    /// <exception cref="ObjectDisposedException">This manager was shut down or disposed.</exception>
    /// <exception cref="ManagerUnavailableException">The manager's server is gone or unreachable.</exception>
    public TProxy Get<TProxy>(string typeId)
        where TProxy : BaseProxy, IManagedProxy<TProxy>
    {
        ThrowIfShutDown();
        ArgumentException.ThrowIfNullOrEmpty(typeId);
        ManagerRegistration? registration;
        lock (_gate)
        {
            _registrations.TryGetValue(typeId, out registration);
        }

        if (registration is null || registration.Kind != TProxy.Kind)
        {
            ThrowHelper.ThrowNotRegisteredManagerCallRegisterFirst(typeId, typeof(TProxy).Name.Split('`')[0], typeof(TProxy).Name.Split('`')[0], typeId);
        }

        var frame = new byte[10];
        frame[0] = (byte)ManagerOp.GetRegistered;
        BitConverter.TryWriteBytes(frame.AsSpan(1), registration.Hash);
        frame[9] = (byte)TProxy.Kind;
        ManagerClient client = Client();
        byte[] reply;
        try
        {
            reply = client.PrimaryRequest(frame);
        }
        catch (RemoteException e) when (e.RemoteTypeName == typeof(KeyNotFoundException).FullName)
        {
            throw new RemoteException(e.RemoteTypeName, $"The manager at {ManagerClient.Describe(client.Address)} does not serve '{typeId}'.", e.RemoteStackTrace);
        }

        return TProxy.Attach(new ProxyReference(client, BitConverter.ToUInt64(reply), TProxy.Kind));
    }

    /// <summary>How many objects the server holds right now (Python's <c>_number_of_objects()</c>); for tests and diagnostics.</summary>
    /// <returns>The count.</returns>
    /// <exception cref="ObjectDisposedException">This manager was shut down or disposed.</exception>
    /// <exception cref="ManagerUnavailableException">The manager's server is gone or unreachable.</exception>
    public int GetObjectCount() => _server is { } server ? server.ObjectCount : BitConverter.ToInt32(Client().Request([(byte)ManagerOp.ObjectCount]));

    /// <summary>
    /// Shuts the server down (Python's <c>shutdown()</c>): asks it to stop, waits up to a second, then terminates and
    /// finally kills its process. Every object is freed; proxies fail at once afterwards. On a connected manager, closes
    /// this program's connections (the remote server goes on). Idempotent.
    /// </summary>
    public void Shutdown()
    {
        lock (_gate)
        {
            Mode mode = _mode;
            _mode = Mode.ShutDown;
            switch (mode)
            {
                case Mode.Started:
                    try
                    {
                        _client?.Request([(byte)ManagerOp.Shutdown]);
                    }
                    catch (Exception e) when (e is ManagerUnavailableException or RemoteException)
                    {
                        // Already gone: terminate/kill below make sure.
                    }

                    _client?.Close("the manager was shut down");
                    StopProcess();
                    break;
                case Mode.Serving:
                    _client?.Close("the manager was shut down");
                    _server?.Stop();
                    break;
                case Mode.Connected:
                    _client?.Close("this program's connection to the manager was closed (the manager object was disposed)");
                    break;
            }
        }
    }

    /// <summary>Shuts the server down; see <see cref="Shutdown"/>.</summary>
    public void Dispose()
    {
        Shutdown();
        GC.SuppressFinalize(this);
    }

    /// <summary>Shuts the server down without blocking the calling thread; see <see cref="Shutdown"/>.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return new ValueTask(Task.Run(Shutdown));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"<{GetType().Name} {(Address is { } a ? ManagerClient.Describe(a) : "(no address yet)")} {_mode.ToString().ToLowerInvariant()}>";

    /// <summary>Creates a built-in object in the server and returns a proxy for it.</summary>
    private protected TProxy Create<TProxy>(ManagedObjectKind kind, ReadOnlySpan<byte> init)
        where TProxy : BaseProxy, IManagedProxy<TProxy>
    {
        return TProxy.Attach(CreateReference(kind, init));
    }

    /// <summary>Creates a built-in object in the server and returns the reference (held by this process's session).</summary>
    private protected ProxyReference CreateReference(ManagedObjectKind kind, ReadOnlySpan<byte> init)
    {
        var frame = new byte[2 + init.Length];
        frame[0] = (byte)ManagerOp.Create;
        frame[1] = (byte)kind;
        init.CopyTo(frame.AsSpan(2));
        ManagerClient client = Client();
        return new ProxyReference(client, BitConverter.ToUInt64(client.PrimaryRequest(frame)), kind);
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once this manager was shut down or disposed.</summary>
    private protected void ThrowIfShutDown()
    {
        lock (_gate)
        {
            if (_mode == Mode.ShutDown)
            {
                throw ShutDownError();
            }
        }
    }

    private ObjectDisposedException ShutDownError() =>
        ThrowHelper.CreateManagerCannotUsedShutDown(GetType().Name, Address is { } a ? ManagerClient.Describe(a) : "?");

    private ManagerClient Client()
    {
        lock (_gate)
        {
            switch (_mode)
            {
                case Mode.Initial:
                    throw ThrowHelper.CreateManagerNotRunningCallStartConnect();
                case Mode.ShutDown:
                    throw ShutDownError();
                case Mode.Serving when _client is null:
                    _client = ManagerClient.Connect(Dialable(_server!.Address), _authkey);
                    break;
            }

            return _client!;
        }
    }

    private ManagerServer BeginServing()
    {
        lock (_gate)
        {
            RequireInitial();
            EndPoint address = _requestedAddress ?? throw ThrowHelper.CreateServeForeverNeedsAddressClientsFindPass();
            var server = new ManagerServer(SharedFactories.Resolve(_registrations.Values));
            server.Listen(new Listener(address, _authkey, backlog: 128));
            _server = server;
            _address = server.Address;
            _mode = Mode.Serving;
            return server;
        }
    }

    private void RequireInitial()
    {
        if (_mode != Mode.Initial)
        {
            ThrowHelper.ThrowManagerNotInitial(GetType().Name, _mode == Mode.ShutDown, _mode.ToString().ToLowerInvariant());
        }
    }

    private void StopProcess()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.Join(TimeSpan.FromSeconds(1)))
        {
            process.Terminate();
            if (!process.Join(TimeSpan.FromSeconds(1)))
            {
                process.Kill();
                process.Join();
            }
        }

        process.Close();
        _process = null;
    }

    /// <summary>An address to connect to: a server listening on every interface is reached on loopback.</summary>
    private static EndPoint Dialable(EndPoint address) => address switch
    {
        IPEndPoint ip when ip.Address.Equals(IPAddress.Any) => new IPEndPoint(IPAddress.Loopback, ip.Port),
        IPEndPoint ip when ip.Address.Equals(IPAddress.IPv6Any) => new IPEndPoint(IPAddress.IPv6Loopback, ip.Port),
        _ => address,
    };

    private static byte[] DefaultInit(ManagedObjectKind kind, string typeId)
    {
        var writer = new WireWriter(8);
        try
        {
            switch (kind)
            {
                case ManagedObjectKind.List or ManagedObjectKind.Dict or ManagedObjectKind.Namespace or ManagedObjectKind.Queue or ManagedObjectKind.JoinableQueue:
                    writer.WriteInt32(0);
                    break;
                case ManagedObjectKind.Semaphore or ManagedObjectKind.BoundedSemaphore:
                    writer.WriteInt32(1);
                    break;
                case ManagedObjectKind.Lock or ManagedObjectKind.RLock or ManagedObjectKind.Condition or ManagedObjectKind.Event:
                    break;
                default:
                    throw ThrowHelper.CreateNeedsInitialValueSoCannotRegistered(kind, typeId, nameof(typeId));
            }

            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
