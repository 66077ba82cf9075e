using System.Net;
using System.Net.Sockets;
using Multiproc.Managers.Served;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc.Managers;

/// <summary>
/// The manager server (Python's <c>multiprocessing.managers.Server</c>): owns objects by id and serves calls on
/// authenticated connections, one thread per connection so that a blocking call (a queue get, a lock acquire)
/// blocks only its caller. References are counted per client session and ride the session's primary connection:
/// when that connection closes — the proxy's process disposed its last proxy, exited or was killed — every reference
/// the session held is released. Bad clients (failed handshakes, garbage, oversized frames, silence) cost only
/// their own connection.
/// </summary>
internal sealed class ManagerServer
{
    /// <summary>The largest request accepted; a larger frame closes that client's connection.</summary>
    public const int MaxFrame = 64 * 1024 * 1024;

    /// <summary>How many clients may be in the authentication handshake at once.</summary>
    private const int MaxPendingHandshakes = 64;

    private readonly SemaphoreSlim _handshakeSlots = new(MaxPendingHandshakes, MaxPendingHandshakes);
    private Listener? _listener;
    private readonly object _gate = new();
    private readonly Dictionary<ulong, Entry> _objects = [];
    private readonly Dictionary<ulong, Dictionary<ulong, int>> _sessions = [];
    private readonly Dictionary<ulong, ManagerRegistration> _registry = [];
    private readonly Dictionary<ulong, ulong> _registeredObjects = [];
    private readonly HashSet<Connection> _connections = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _nextId;
    private volatile bool _stopping;

    /// <summary>Creates a server; it accepts clients once <see cref="Listen"/> gave it a listener.</summary>
    public ManagerServer(IEnumerable<ManagerRegistration> registrations)
    {
        foreach (ManagerRegistration registration in registrations)
        {
            _registry[registration.Hash] = registration;
        }
    }

    /// <summary>A random id clients learn in the Hello reply: proxies name their server by it, not only by address.</summary>
    public ulong ServerId { get; } = BitConverter.ToUInt64(Interop.OsRandom.GetBytes(8)) | 1;

    /// <summary>Where clients connect.</summary>
    public EndPoint Address => (_listener ?? throw ThrowHelper.CreateManagerServerNotListeningYet()).Address;

    /// <summary>True once a shutdown began.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Completes when the server has stopped.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>How many objects are alive (Python's <c>_number_of_objects()</c>).</summary>
    public int ObjectCount
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>
    /// Starts accepting clients of <paramref name="listener"/> on a background thread (which the server then owns).
    /// Connections handed over with <see cref="Adopt"/> are served before, so a server child serves its owner while it
    /// still sets up its listener.
    /// </summary>
    public void Listen(Listener listener)
    {
        listener.HandshakeTimeout = TimeSpan.FromSeconds(10);
        lock (_gate)
        {
            if (_stopping)
            {
                listener.Close();
                ThrowHelper.ThrowManagerServerStopped(nameof(ManagerServer));
            }

            _listener = listener;
        }

        var thread = new Thread(AcceptLoop) { IsBackground = true, Name = "Multiproc manager accept" };
        thread.Start();
    }

    /// <summary>Stops: no new clients, every connection closed, every object freed. Idempotent.</summary>
    public void Stop()
    {
        Connection[] connections;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            connections = [.. _connections];
            _connections.Clear();
            foreach (Entry entry in _objects.Values)
            {
                entry.Object.OnServerStopped();
            }

            _objects.Clear();
            _sessions.Clear();
            _registeredObjects.Clear();
        }

        _listener?.Close();
        foreach (Connection connection in connections)
        {
            connection.Close();
        }

        _stopped.TrySetResult();
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            // Each client is authenticated on its own connection thread (at most MaxPendingHandshakes at once; further
            // clients wait in the backlog), so a silent or slow client holds up nobody else. Blocking handshakes keep the
            // client's socket out of the runtime's asynchronous socket engine: every later call is then plain system
            // calls, without an engine wake-up per message (a quarter of a proxy call's time).
            Connection connection;
            EndPoint? remote;
            try
            {
                _handshakeSlots.Wait();
                connection = _listener!.AcceptUnauthenticated();
                remote = _listener.LastAccepted;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (IOException)
            {
                // A client that reset before it was accepted; the listener itself is fine.
                _handshakeSlots.Release();
                continue;
            }

            var thread = new Thread(() => AuthenticateAndServe(connection, remote)) { IsBackground = true, Name = "Multiproc manager connection" };
            thread.Start();
        }
    }

    private void AuthenticateAndServe(Connection connection, EndPoint? remote)
    {
        try
        {
            _listener!.Authenticate(connection, remote);
        }
        catch (Exception e) when (e is AuthenticationFailedException or ObjectDisposedException)
        {
            // The client is disconnected (or the server is stopping); the server goes on (Python logs and goes on too).
            return;
        }
        finally
        {
            _handshakeSlots.Release();
        }

        Serve(connection);
    }

    /// <summary>Serves an authenticated (or private) connection on its own thread.</summary>
    public void Adopt(Connection connection)
    {
        var thread = new Thread(() => Serve(connection)) { IsBackground = true, Name = "Multiproc manager connection" };
        thread.Start();
    }

    private void Serve(Connection connection)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                connection.Close();
                return;
            }

            _connections.Add(connection);
        }

        var context = new CallContext(connection, this);
        bool primary = false;
        var reply = new WireWriter(256);
        try
        {
            while (!_stopping)
            {
                byte[] frame = connection.RecvBytes(MaxFrame);
                reply.Reset();
                reply.WriteUnmanaged((byte)ManagerStatus.Ok);
                ManagerOp op = frame.Length == 0 ? 0 : (ManagerOp)frame[0];
                try
                {
                    var request = new WireReader(frame.AsSpan(1));
                    if (op == ManagerOp.Hello)
                    {
                        primary = Hello(ref request, context) || primary;
                        reply.WriteUInt64(ServerId);
                    }
                    else if (context.Session == 0)
                    {
                        ThrowHelper.ThrowFirstRequestManagerConnectionMustHello();
                    }
                    else
                    {
                        Handle(op, ref request, ref reply, context);
                    }
                }
                catch (ClientGoneException)
                {
                    return;
                }
                catch (Exception e)
                {
                    reply.Reset();
                    reply.WriteUnmanaged((byte)ManagerStatus.Threw);
                    reply.WriteRaw(Pools.WorkerHost.EncodeException(e));
                }

                connection.SendBytes(reply.WrittenSpan);
                if (op == ManagerOp.Shutdown)
                {
                    Stop();
                    return;
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException or SocketException)
        {
            // The client went away, sent a malformed or oversized frame, or the server is stopping.
        }
        finally
        {
            reply.Dispose();
            connection.Close();
            lock (_gate)
            {
                _connections.Remove(connection);
            }

            if (primary)
            {
                ReleaseSession(context.Session);
            }
        }
    }

    private bool Hello(ref WireReader request, CallContext context)
    {
        ulong session = request.ReadUInt64();
        bool primary = request.ReadBoolean();
        if (session == 0 || (context.Session != 0 && context.Session != session))
        {
            ThrowHelper.ThrowInvalidClientSession();
        }

        context.Session = session;
        if (primary)
        {
            lock (_gate)
            {
                if (!_sessions.TryAdd(session, []))
                {
                    ThrowHelper.ThrowClientSessionAlreadyPrimaryConnection();
                }
            }
        }

        return primary;
    }

    private void Handle(ManagerOp op, ref WireReader request, ref WireWriter reply, CallContext context)
    {
        switch (op)
        {
            case ManagerOp.Call:
                ServedObject target = Lookup(request.ReadUInt64());
                int method = request.ReadInt32();
                int held = request.ReadCollectionHeader(8);
                for (int i = 0; i < held; i++)
                {
                    HoldFor(target, request.ReadUInt64());
                }

                target.Invoke(method, ref request, ref reply, context);
                break;
            case ManagerOp.Create:
                var kind = (ManagedObjectKind)request.ReadUnmanaged<byte>();
                reply.WriteUInt64(Add(BuiltInObjects.Create(kind, ref request), context.Session));
                break;
            case ManagerOp.IncRef:
                IncRef(context.Session, request.ReadUInt64());
                break;
            case ManagerOp.DecRef:
                DecRef(context.Session, request.ReadUInt64());
                break;
            case ManagerOp.ReleaseTransfer:
                ulong from = request.ReadUInt64();
                DecRef(from, request.ReadUInt64());
                break;
            case ManagerOp.ObjectCount:
                reply.WriteInt32(ObjectCount);
                break;
            case ManagerOp.GetRegistered:
                ulong hash = request.ReadUInt64();
                var registeredKind = (ManagedObjectKind)request.ReadUnmanaged<byte>();
                ulong interfaceId = registeredKind == ManagedObjectKind.Custom ? request.ReadUInt64() : 0;
                reply.WriteUInt64(GetRegistered(hash, registeredKind, interfaceId, context.Session));
                break;
            case ManagerOp.Shutdown:
                break;
            default:
                throw ThrowHelper.CreateUnknownManagerRequest((byte)op);
        }
    }

    private ServedObject Lookup(ulong id)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(id, out Entry? entry)
                ? entry.Object
                : throw ThrowHelper.CreateManagerServesNoObjectIdFreed(id);
        }
    }

    private ulong Add(ServedObject served, ulong session)
    {
        lock (_gate)
        {
            Dictionary<ulong, int> refs = SessionRefs(session);
            ulong id = ++_nextId;
            _objects[id] = new Entry(served) { Refs = 1 };
            refs[id] = 1;
            return id;
        }
    }

    private ulong GetRegistered(ulong hash, ManagedObjectKind kind, ulong interfaceId, ulong session)
    {
        lock (_gate)
        {
            if (!_registry.TryGetValue(hash, out ManagerRegistration? registration))
            {
                ThrowHelper.ThrowManagerNoRegistrationTypeid();
            }

            if (registration.Kind != kind)
            {
                ThrowHelper.ThrowManagerServesUnderTypeidNot(registration.Kind, kind);
            }

            if (registration.InterfaceId != interfaceId)
            {
                ThrowHelper.ThrowManagerServesAnotherSharedInterfaceUnder();
            }

            Dictionary<ulong, int> refs = SessionRefs(session);
            if (!_registeredObjects.TryGetValue(hash, out ulong id))
            {
                id = ++_nextId;

                // The server keeps one reference for ever: like the object Python's callable returns, it outlives its proxies.
                _objects[id] = new Entry(registration.Create()) { Refs = 1 };
                _registeredObjects[hash] = id;
            }

            _objects[id].Refs++;
            refs[id] = refs.GetValueOrDefault(id) + 1;
            return id;
        }
    }

    private void IncRef(ulong session, ulong id)
    {
        lock (_gate)
        {
            Dictionary<ulong, int> refs = SessionRefs(session);
            if (!_objects.TryGetValue(id, out Entry? entry))
            {
                ThrowHelper.ThrowManagerServesNoObjectId(id);
            }

            entry.Refs++;
            refs[id] = refs.GetValueOrDefault(id) + 1;
        }
    }

    private void DecRef(ulong session, ulong id)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(session, out Dictionary<ulong, int>? refs) && refs.TryGetValue(id, out int count))
            {
                if (count == 1)
                {
                    refs.Remove(id);
                }
                else
                {
                    refs[id] = count - 1;
                }

                Release(id, 1);
            }
        }
    }

    private void HoldFor(ServedObject holder, ulong id)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(id, out Entry? entry))
            {
                ThrowHelper.ThrowProxyBeingStoredRefersObjectWhich(id);
            }

            entry.Refs++;
        }

        holder.Hold(id);
    }

    private void ReleaseSession(ulong session)
    {
        lock (_gate)
        {
            if (!_sessions.Remove(session, out Dictionary<ulong, int>? refs))
            {
                return;
            }

            foreach ((ulong id, int count) in refs)
            {
                Release(id, count);
            }
        }
    }

    /// <summary>Adds an object a served method returned, with one reference for <paramref name="session"/>; returns its id.</summary>
    public ulong Share(ServedObject served, ulong session) => Add(served, session);

    /// <summary>Drops <paramref name="count"/> references; frees the object (and what it holds) at zero. Caller holds the gate.</summary>
    private void Release(ulong id, int count)
    {
        if (!_objects.TryGetValue(id, out Entry? entry))
        {
            return;
        }

        entry.Refs -= count;
        if (entry.Refs > 0)
        {
            return;
        }

        _objects.Remove(id);
        if (entry.Object.TakeHeld() is { } held)
        {
            foreach (ulong inner in held)
            {
                Release(inner, 1);
            }
        }
    }

    private Dictionary<ulong, int> SessionRefs(ulong session) =>
        _sessions.TryGetValue(session, out Dictionary<ulong, int>? refs)
            ? refs
            : throw ThrowHelper.CreateClientSessionNoPrimaryConnectionClosed();

    private sealed class Entry(ServedObject served)
    {
        public ServedObject Object { get; } = served;

        public int Refs { get; set; }
    }
}
