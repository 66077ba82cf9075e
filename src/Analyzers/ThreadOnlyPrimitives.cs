using Microsoft.CodeAnalysis;

namespace Multiproc.Analyzers;

/// <summary>
/// Synchronization primitives and in-memory queues that only work between threads of one process, and the
/// Multiproc type that does the same job across processes. Named by MP0002 when one of them is what cannot
/// cross, and used by <c>UseProcessPrimitiveCodeFix</c>.
/// </summary>
internal static class ThreadOnlyPrimitives
{
    /// <summary>The <see cref="Diagnostic.Properties"/> key of the replacement's simple name (<c>ProcessSemaphore</c>).</summary>
    public const string ReplacementKey = "Replacement";

    /// <summary>
    /// The process-safe replacement of <paramref name="type"/>: <c>ProcessLock</c>, <c>ProcessSemaphore</c>,
    /// <c>ProcessEvent</c>, <c>ProcessBarrier</c> or <c>ProcessQueue</c> (generic, same type argument); null when
    /// the type is not a thread-only primitive.
    /// </summary>
    public static string? ReplacementFor(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || named.ContainingType is not null)
        {
            return null;
        }

        string ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return (ns, named.MetadataName) switch
        {
            ("System.Threading", "Lock" or "Monitor" or "Mutex") => "ProcessLock",
            ("System.Threading", "SemaphoreSlim" or "Semaphore") => "ProcessSemaphore",
            ("System.Threading", "ManualResetEvent" or "ManualResetEventSlim" or "AutoResetEvent") => "ProcessEvent",
            ("System.Threading", "Barrier") => "ProcessBarrier",
            ("System.Collections.Concurrent", "ConcurrentQueue`1") or ("System.Threading.Channels", "Channel`1") => "ProcessQueue",
            _ => null,
        };
    }

    /// <summary>The third argument of MP0002: how to make the value cross.</summary>
    /// <param name="offender">The type that cannot be serialized.</param>
    /// <returns>The advice.</returns>
    public static string Advice(ITypeSymbol? offender) => ReplacementFor(offender) is { } replacement
        ? $"'{offender!.Name}' only works between threads of one process; use Multiproc's '{replacement}{(replacement == "ProcessQueue" ? "<T>" : string.Empty)}', which works across processes and crosses as a handle"
        : DefaultAdvice;

    /// <summary>The advice for any other type.</summary>
    public const string DefaultAdvice = "mark the type [ProcessSerializable], implement IWireSerializable<T>, or use a supported type";
}
