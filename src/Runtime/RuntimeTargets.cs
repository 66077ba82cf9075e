using System.Runtime.CompilerServices;

namespace Multiproc;

/// <summary>
/// Registers the runtime-internal targets every Multiproc program has (the pool's worker loop and the manager
/// server) in <see cref="Hosting.TargetRegistry"/> when the runtime assembly loads, before any target is looked up
/// or registered, and what an idle warm child pre-runs of them (<see cref="Processes.WarmStart.AddChildPrewarm"/>).
/// It lives here, above every layer, so that the dispatch table and warm start know neither pools nor managers.
/// </summary>
internal static class RuntimeTargets
{
#pragma warning disable CA2255 // A library's module initializer: it only fills the runtime's own dispatch table, cheaply and without side effects outside it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        Pools.WorkerHost.Register();
        Pools.WorkerPrewarm.Register();
        Managers.ManagerHost.Register();
    }
}
