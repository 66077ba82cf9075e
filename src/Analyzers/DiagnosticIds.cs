namespace Multiproc.Analyzers;

/// <summary>
/// The diagnostic ids, shared with the code fixes and the tests. Ranges:
/// <list type="table">
/// <item><term>MP0001–MP0009</term><description>entry point / hosting</description></item>
/// <item><term>MP0010–MP0029</term><description>target shape (static, accessibility, generic, ref/out, duplicates)</description></item>
/// <item><term>MP0030–MP0049</term><description>argument serialization (the first such rule, MP0002, predates the ranges and keeps its id)</description></item>
/// <item><term>MP0050–MP0069</term><description>closures, lambdas, instance method groups</description></item>
/// <item><term>MP0070–MP0089</term><description>lifecycle: a pool or process used out of order (join before close, daemon after start)</description></item>
/// <item><term>MPSPR0001+</term><description>suppressors</description></item>
/// </list>
/// </summary>
public static class DiagnosticIds
{
    /// <summary>The product prefix of every id.</summary>
    public const string Prefix = "MP";

    /// <summary>An entry point of a program that starts processes lacks the guard, or calls it late.</summary>
    public const string MissingEntryPointGuard = "MP0001";

    /// <summary>A process is started (or a pool created) by code that runs before the entry point's guard: a static constructor, a static field or property initializer, a module initializer.</summary>
    public const string ProcessStartBeforeGuard = "MP0003";

    /// <summary>A process target's parameter or result type, or an argument passed to a <c>Spawn.*</c> starter, cannot be serialized.</summary>
    public const string NonSerializableType = "MP0002";

    /// <summary>A <c>[ProcessTarget]</c> method (or local function, lambda, accessor…) whose shape the generator cannot dispatch.</summary>
    public const string InvalidTargetShape = "MP0010";

    /// <summary>Two or more process targets of one namespace share a method name, so none of them gets a <c>Spawn.*</c> starter.</summary>
    public const string DuplicateTargetName = "MP0011";

    /// <summary><c>Join()</c>/<c>JoinAsync()</c> on a <c>Pool</c> local with no <c>Close()</c> or <c>Terminate()</c> on it before.</summary>
    public const string PoolJoinWithoutClose = "MP0070";

    /// <summary><c>Daemon</c> set on a <c>Process</c> local after a <c>Start()</c>/<c>StartAsync()</c> call on it.</summary>
    public const string DaemonSetAfterStart = "MP0071";

    /// <summary>A lambda, anonymous method, local function or method group passed where a process target descriptor (<c>Targets.X</c>) is expected.</summary>
    public const string DelegateForTarget = "MP0050";

    /// <summary>A member of a <c>[SharedInterface]</c> (or the interface itself) that a generated manager proxy cannot implement.</summary>
    public const string UnproxiableSharedMember = "MP0090";

    /// <summary>A parameter, result or property type of a <c>[SharedInterface]</c> member cannot be serialized.</summary>
    public const string NonSerializableSharedValue = "MP0091";

    /// <summary>A user type named <c>Spawn</c> or <c>Targets</c> in a namespace with process targets, where the generated classes of those names would go.</summary>
    public const string GeneratedNameClash = "MP0012";
}
