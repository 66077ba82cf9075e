using System.Net;
using Multiproc.Hosting;
using Multiproc.Processes;
using Multiproc.Serialization;

namespace Multiproc.Managers;

/// <summary>What a manager's server child is started with.</summary>
/// <param name="Address">Where to listen.</param>
/// <param name="Authkey">The key clients must prove they know.</param>
/// <param name="Registrations">The typeids to serve.</param>
/// <param name="Ready">
/// Where to report the address listened on, or why listening failed; then served as the owner's primary connection.
/// </param>
/// <param name="Calls">Served as the owner's first call connection.</param>
internal sealed record ManagerStart(EndPoint Address, byte[] Authkey, IReadOnlyList<ManagerRegistration> Registrations, Connection Ready, Connection Calls);

/// <summary>
/// The manager's server process (Python's <c>BaseManager._run_server</c>): a runtime-internal target every program
/// built on Multiproc has (registered by <see cref="TargetRegistry"/>, like the pool worker). It listens, reports its
/// address on the ready pipe, and serves until a shutdown request. It is started as a daemon, so it dies with its
/// owner even when the owner is killed.
/// </summary>
internal static class ManagerHost
{
    /// <summary>The target's id ("MPMNGR" + version); never a hash of a user method.</summary>
    public const ulong TargetId = 0x4D50_4D4E_4752_0001;

    /// <summary>The descriptor the owner starts the server with.</summary>
    public static readonly ProcessTarget<ManagerStart, ValueTuple> Target = new(TargetId, 0, "Multiproc.Manager.Server", WriteStart, static (ref WireReader _) => default);

    /// <summary>Adds the server target to the dispatch table.</summary>
    public static void Register() => TargetRegistry.RegisterInternal(TargetId, Target.Name, Invoke);

    private static void WriteStart(ref WireWriter writer, ManagerStart start)
    {
        BaseProxy.WriteAddress(ref writer, start.Address);
        writer.WriteUnmanagedArray(start.Authkey);
        writer.WriteInt32(start.Registrations.Count);
        foreach (ManagerRegistration registration in start.Registrations)
        {
            writer.WriteUInt64(registration.Hash);
            writer.WriteUnmanaged((byte)registration.Kind);
            writer.WriteUnmanagedArray(registration.Init);
            writer.WriteUInt64(registration.InterfaceId);
            writer.WriteString(registration.TypeId);
        }

        Connection.Write(ref writer, start.Ready);
        Connection.Write(ref writer, start.Calls);
    }

    private static void Invoke(ref WireReader arguments, ref WireWriter result)
    {
        EndPoint address = BaseProxy.ReadAddress(ref arguments);
        byte[] authkey = arguments.ReadUnmanagedArray<byte>() ?? throw ThrowHelper.CreateManagerNeedsAuthkey();
        int count = arguments.ReadCollectionHeader(25);
        var registrations = new List<ManagerRegistration>(count);
        for (int i = 0; i < count; i++)
        {
            ulong hash = arguments.ReadUInt64();
            var kind = (ManagedObjectKind)arguments.ReadUnmanaged<byte>();
            byte[] init = arguments.ReadUnmanagedArray<byte>() ?? [];
            ulong interfaceId = arguments.ReadUInt64();
            registrations.Add(new ManagerRegistration(hash, kind, init, interfaceId) { TypeId = arguments.ReadString() });
        }

        Connection ready = Connection.Read(ref arguments);
        Connection calls = Connection.Read(ref arguments);
        default(FdTransfer.IncomingScope).Dispose();
        ManagerServer server;
        try
        {
            // Shared objects are made by the factories this process registered (the program's own static registrations).
            server = new ManagerServer(SharedFactories.Resolve(registrations));
        }
        catch (Exception e)
        {
            ready.SendBytes(ReadyMessage(null, e.Message));
            ready.Close();
            calls.Close();
            return;
        }

        // The owner's connections are socket pairs only the two processes hold: served without a handshake. The call
        // connection is served at once, so the owner's first request runs while the listener is set up.
        server.Adopt(calls);
        try
        {
            server.Listen(new Listener(address, authkey, backlog: 128));
        }
        catch (Exception e)
        {
            ready.SendBytes(ReadyMessage(null, e.Message));
            ready.Close();
            server.Stop();
            return;
        }

        ready.SendBytes(ReadyMessage(server.Address, null));
        server.Adopt(ready);
        server.Stopped.GetAwaiter().GetResult();
    }

    /// <summary>The ready message: 1 and the address, or 0 and why the server could not listen.</summary>
    private static byte[] ReadyMessage(EndPoint? address, string? error)
    {
        var writer = new WireWriter();
        try
        {
            writer.WriteBoolean(address is not null);
            if (address is not null)
            {
                BaseProxy.WriteAddress(ref writer, address);
            }
            else
            {
                writer.WriteString(error);
            }

            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Decodes the ready message in the owner.</summary>
    public static EndPoint ReadReady(byte[] message)
    {
        var reader = new WireReader(message);
        if (reader.ReadBoolean())
        {
            return BaseProxy.ReadAddress(ref reader);
        }

        throw ThrowHelper.CreateManagerServerCouldNotStart(reader.ReadString());
    }
}
