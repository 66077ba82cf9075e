namespace Multiproc.Processes;

/// <summary>The kinds of frame on a child's private control channel (see docs/wire-format.md §Control channel).</summary>
internal enum ControlMessageKind : byte
{
    /// <summary>Child → parent, first frame: the one-time token and the child's pid.</summary>
    Hello = 1,

    /// <summary>Parent → child: what to run (target id, schema hash, identity, arguments).</summary>
    Start = 2,

    /// <summary>Child → parent: the target was found and its schema matches; it is running.</summary>
    Ready = 3,

    /// <summary>Child → parent: the child cannot run the target (unknown id, schema mismatch); carries the reason.</summary>
    StartFailed = 4,

    /// <summary>Child → parent: the target returned; carries the encoded result.</summary>
    Result = 5,

    /// <summary>Child → parent: the target threw; carries type name, message and stack text.</summary>
    Failed = 6,

    /// <summary>
    /// Child → parent, instead of Hello: the child's program tried to start a process before its entry-point
    /// guard ran and was stopped; carries the one-time token and the reason (UTF-8).
    /// </summary>
    GuardMissing = 7,
}
