namespace Multiproc;

/// <summary>
/// Options for starting a child process: the keyword arguments of Python's <c>multiprocessing.Process</c>
/// (<c>name=</c>, <c>daemon=</c>) plus how long to wait for the child to connect back.
/// </summary>
public sealed class ProcessOptions
{
    /// <summary>The process name; null gives Python's default (<c>Process-N</c>, <c>Process-N:M</c> in a child).</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Whether the child is a daemon (Python's <c>daemon=</c>): it is terminated when the parent exits, dies
    /// with the parent even when the parent is killed, and cannot start children itself. Null inherits the
    /// current process's flag, as Python does.
    /// </summary>
    public bool? Daemon { get; init; }

    /// <summary>
    /// How long <see cref="Process.Start"/> waits for the child to connect back and confirm its target before
    /// it kills the child and throws <see cref="ProcessStartException"/>. Default: 60 seconds (generous for
    /// loaded machines; a healthy child connects in tens of milliseconds).
    /// </summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
