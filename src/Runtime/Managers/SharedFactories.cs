using System.Collections.Concurrent;
using Multiproc.Managers.Served;

namespace Multiproc.Managers;

/// <summary>
/// The factories this process registered for every manager it serves (<see cref="BaseManager.RegisterFactory"/>, Python's
/// class-level <c>register(typeid, callable)</c>), by typeid hash. A manager started as a child finds its factories here
/// because the registration ran in the child too, as Python's module-level <c>register</c> runs again in a spawned server.
/// </summary>
internal static class SharedFactories
{
    private static readonly ConcurrentDictionary<ulong, Factory> s_factories = new();

    /// <summary>Registers (or replaces) the factory of <paramref name="typeId"/>.</summary>
    public static void Register(string typeId, ulong interfaceId, Func<ServedObject> create) =>
        s_factories[ManagerRegistration.HashOf(typeId)] = new Factory(interfaceId, create);

    /// <summary>
    /// The registrations a serving manager uses: each shared-interface registration without a factory of its own gets
    /// this process's factory for its typeid.
    /// </summary>
    /// <exception cref="InvalidOperationException">A shared-interface registration has no factory in this process, or one for another interface.</exception>
    public static List<ManagerRegistration> Resolve(IEnumerable<ManagerRegistration> registrations)
    {
        var resolved = new List<ManagerRegistration>();
        foreach (ManagerRegistration registration in registrations)
        {
            if (registration.Kind != ManagedObjectKind.Custom || registration.Factory is not null)
            {
                resolved.Add(registration);
                continue;
            }

            string name = registration.TypeId is { } typeId ? $"'{typeId}'" : $"the typeid with hash {registration.Hash:x16}";
            if (!s_factories.TryGetValue(registration.Hash, out Factory? factory))
            {
                ThrowHelper.ThrowNoFactoryRegisteredServingProcessPid(name, Environment.ProcessId);
            }

            if (factory.InterfaceId != registration.InterfaceId)
            {
                ThrowHelper.ThrowFactoryRegisteredMakesAnotherSharedInterface(name);
            }

            resolved.Add(registration with { Factory = factory.Create });
        }

        return resolved;
    }

    private sealed record Factory(ulong InterfaceId, Func<ServedObject> Create);
}
