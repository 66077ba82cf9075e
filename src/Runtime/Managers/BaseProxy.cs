using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using Multiproc.Managers;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A proxy for an object a manager owns: Python's <c>multiprocessing.managers.BaseProxy</c>. Each method call is one
/// request to the manager; what comes back is a copy, unless it is itself a proxy. Dispose the proxy to release the
/// object (the manager frees an object when its last proxy is disposed, or when the process holding the proxies ends).
/// </summary>
/// <remarks>
/// <para>
/// A proxy may be used from many threads at once: every call borrows one of this process's connections to the
/// manager, opening another when all are busy, so one thread blocked in a queue get does not hold up another.
/// </para>
/// <para>
/// A proxy can be passed to a child as a <c>[ProcessTarget]</c> argument: it travels with the manager's address and
/// authkey, and the child connects and authenticates on its own. A proxy can also be stored in another object of the
/// same manager (a queue in a dictionary): the container then keeps the object alive.
/// </para>
/// <para>
/// When the manager was shut down or its process died, every call fails at once with
/// <see cref="ManagerUnavailableException"/>; after <see cref="Dispose"/> with <see cref="ObjectDisposedException"/>.
/// </para>
/// </remarks>
public abstract class BaseProxy : IDisposable
{
    [ThreadStatic]
    private static List<(ulong Server, ulong Id)>? t_embedded;

    private readonly ProxyReference _reference;
    private int _disposed;

    /// <summary>Wraps a reference (which the new proxy owns).</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="kind">The kind the proxy type serves; a reference of another kind is refused.</param>
    /// <exception cref="InvalidOperationException">The reference is of another kind.</exception>
    private protected BaseProxy(ProxyReference reference, ManagedObjectKind kind)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Kind != kind)
        {
            ThrowHelper.ThrowManagerObjectNot(reference.Id, reference.Kind, kind);
        }

        _reference = reference;
    }

    /// <summary>The object's id in its manager (Python's <c>_id</c>).</summary>
    public ulong Id => _reference.Id;

    /// <summary>The manager's address (Python's <c>_token.address</c>).</summary>
    public EndPoint ManagerAddress => _reference.Address;

    /// <summary>The reference this proxy holds.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ProxyReference Reference => _reference;

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Releases this proxy's reference (Python's proxy finalizer, <c>_decref</c>). The manager frees the object when
    /// no proxy anywhere refers to it. Idempotent; never throws, also when the manager is gone.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _reference.Client.DecRef(_reference.Id);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A description: kind, id and manager address.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"<{GetType().Name.Split('`')[0]} {_reference}>";

    /// <summary>Starts encoding the arguments of a call (proxies among them are noted, so that the manager keeps their objects alive).</summary>
    private protected static WireWriter BeginArguments()
    {
        (t_embedded ??= []).Clear();
        return new WireWriter(64);
    }

    /// <summary>Calls method <paramref name="method"/> with the arguments in <paramref name="arguments"/> (which this disposes).</summary>
    private protected byte[] Invoke(int method, ref WireWriter arguments)
    {
        try
        {
            byte[] frame = BuildCall(method, arguments.WrittenSpan);
            return _reference.Client.Request(frame);
        }
        finally
        {
            arguments.Dispose();
        }
    }

    /// <summary>Calls method <paramref name="method"/> with no arguments.</summary>
    private protected byte[] Invoke(int method)
    {
        WireWriter arguments = BeginArguments();
        return Invoke(method, ref arguments);
    }

    /// <summary>Calls method <paramref name="method"/> without blocking a thread.</summary>
    private protected ValueTask<byte[]> InvokeAsync(int method, ref WireWriter arguments, CancellationToken cancellationToken)
    {
        try
        {
            byte[] frame = BuildCall(method, arguments.WrittenSpan);
            return _reference.Client.RequestAsync(frame, cancellationToken);
        }
        finally
        {
            arguments.Dispose();
        }
    }

    /// <summary>Calls method <paramref name="method"/> with no arguments without blocking a thread.</summary>
    private protected ValueTask<byte[]> InvokeAsync(int method, CancellationToken cancellationToken)
    {
        WireWriter arguments = BeginArguments();
        return InvokeAsync(method, ref arguments, cancellationToken);
    }

    /// <summary>The owner token of the calling thread for lock-like objects.</summary>
    private protected static int CallerThread => Environment.CurrentManagedThreadId;

    /// <summary>Converts Python's (block, timeout) pair to milliseconds for the server: -1 waits for ever, 0 does not wait.</summary>
    private protected static int TimeoutMs(bool block, TimeSpan? timeout) => !block ? 0 : Connection.ToMilliseconds(timeout);

    private byte[] BuildCall(int method, ReadOnlySpan<byte> arguments)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        ulong server = _reference.Client.ServerId;
        List<(ulong Server, ulong Id)> embedded = t_embedded ??= [];
        int held = 0;
        foreach ((ulong s, ulong _) in embedded)
        {
            held += s == server ? 1 : 0;
        }

        var frame = new byte[1 + 8 + 4 + 4 + (held * 8) + arguments.Length];
        frame[0] = (byte)ManagerOp.Call;
        BitConverter.TryWriteBytes(frame.AsSpan(1), _reference.Id);
        BitConverter.TryWriteBytes(frame.AsSpan(9), method);
        BitConverter.TryWriteBytes(frame.AsSpan(13), held);
        int position = 17;
        foreach ((ulong s, ulong id) in embedded)
        {
            if (s == server)
            {
                BitConverter.TryWriteBytes(frame.AsSpan(position), id);
                position += 8;
            }
        }

        embedded.Clear();
        arguments.CopyTo(frame.AsSpan(position));
        return frame;
    }

    // ---- travelling proxies ----

    /// <summary>
    /// Encodes a proxy: its manager's id and address, the object id and kind, and — only when the proxy is a child's
    /// process argument — the authkey and a reference held for the child until it has taken its own.
    /// </summary>
    internal static void WriteProxy(ref WireWriter writer, BaseProxy? proxy)
    {
        if (proxy is null)
        {
            writer.WritePresence(false);
            return;
        }

        ObjectDisposedException.ThrowIf(proxy.IsDisposed, proxy);
        ProxyReference reference = proxy._reference;
        ManagerClient client = reference.Client;
        bool toChild = FdTransfer.IsCollectingOutgoing;
        writer.WritePresence(true);
        writer.WriteUInt64(client.ServerId);
        WriteAddress(ref writer, client.Address);
        writer.WriteUnmanagedArray(toChild ? client.Authkey : null);
        writer.WriteUInt64(reference.Id);
        writer.WriteUnmanaged((byte)reference.Kind);
        if (toChild)
        {
            // Held for the child, which releases it once it holds its own (the parent may dispose its proxy first).
            client.PrimaryRequest(RefFrame(ManagerOp.IncRef, reference.Id));
            writer.WriteUInt64(client.Session);
        }
        else
        {
            writer.WriteUInt64(0);
            (t_embedded ??= []).Add((client.ServerId, reference.Id));
        }
    }

    /// <summary>Decodes a proxy's reference and takes a reference for this process.</summary>
    internal static ProxyReference? ReadProxy(ref WireReader reader)
    {
        if (!reader.ReadPresence())
        {
            return null;
        }

        ulong server = reader.ReadUInt64();
        EndPoint address = ReadAddress(ref reader);
        byte[]? authkey = reader.ReadUnmanagedArray<byte>();
        ulong id = reader.ReadUInt64();
        var kind = (ManagedObjectKind)reader.ReadUnmanaged<byte>();
        ulong transferFrom = reader.ReadUInt64();
        ManagerClient client = ManagerClient.Resolve(server, address, authkey);
        client.PrimaryRequest(RefFrame(ManagerOp.IncRef, id));
        if (transferFrom != 0)
        {
            var release = new byte[17];
            release[0] = (byte)ManagerOp.ReleaseTransfer;
            BitConverter.TryWriteBytes(release.AsSpan(1), transferFrom);
            BitConverter.TryWriteBytes(release.AsSpan(9), id);
            client.PrimaryRequest(release);
        }

        return new ProxyReference(client, id, kind);
    }

    internal static byte[] RefFrame(ManagerOp op, ulong id)
    {
        var frame = new byte[9];
        frame[0] = (byte)op;
        BitConverter.TryWriteBytes(frame.AsSpan(1), id);
        return frame;
    }

    internal static void WriteAddress(ref WireWriter writer, EndPoint address)
    {
        switch (address)
        {
            case UnixDomainSocketEndPoint unix:
                writer.WriteUnmanaged((byte)0);
                string path = unix.ToString();
                writer.WriteString(path.StartsWith('@') ? "\0" + path[1..] : path);
                break;
            case IPEndPoint ip:
                writer.WriteUnmanaged((byte)1);
                writer.WriteString(ip.Address.ToString());
                writer.WriteInt32(ip.Port);
                break;
            case DnsEndPoint dns:
                writer.WriteUnmanaged((byte)2);
                writer.WriteString(dns.Host);
                writer.WriteInt32(dns.Port);
                break;
            default:
                throw ThrowHelper.CreateUnsupportedManagerAddressType(address.GetType().Name, nameof(address));
        }
    }

    internal static EndPoint ReadAddress(ref WireReader reader)
    {
        byte kind = reader.ReadUnmanaged<byte>();
        string text = reader.ReadString() ?? throw ThrowHelper.CreateManagerAddressNull();
        return kind switch
        {
            0 => new UnixDomainSocketEndPoint(text),
            1 => new IPEndPoint(IPAddress.TryParse(text, out IPAddress? ip) ? ip : throw ThrowHelper.CreateInvalidIPAddress(text), CheckPort(reader.ReadInt32())),
            2 => new DnsEndPoint(text, CheckPort(reader.ReadInt32())),
            _ => throw ThrowHelper.CreateInvalidManagerAddressKind(kind),
        };
    }

    private static int CheckPort(int port) =>
        port is >= 0 and <= 65535 ? port : throw ThrowHelper.CreateInvalidPort(port);
}
