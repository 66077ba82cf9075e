namespace Multiproc.Managers;

/// <summary>
/// The first byte of every request a manager client sends (see <c>docs/managers.md</c>, "Wire"). Requests and
/// replies are single frames on an authenticated <see cref="Connection"/>; no type names cross, only these codes,
/// object ids and method ids.
/// </summary>
internal enum ManagerOp : byte
{
    /// <summary>First frame on every connection: <c>[u64 session][bool primary]</c>.</summary>
    Hello = 1,

    /// <summary><c>[u8 kind][init bytes]</c>: creates a built-in object; replies its id (one reference for the session).</summary>
    Create = 2,

    /// <summary><c>[u64 object][i32 method][i32 n][u64 held × n][argument bytes]</c>: calls a method; replies its result bytes.</summary>
    Call = 3,

    /// <summary><c>[u64 object]</c>: one more reference for the session.</summary>
    IncRef = 4,

    /// <summary><c>[u64 object]</c>: one reference fewer for the session.</summary>
    DecRef = 5,

    /// <summary>Stops the server: every object is freed, every connection closed.</summary>
    Shutdown = 6,

    /// <summary>Replies <c>[i32 live objects]</c> (Python's <c>_number_of_objects()</c>).</summary>
    ObjectCount = 7,

    /// <summary><c>[u64 from session][u64 object]</c>: releases a reference another session held for a transfer.</summary>
    ReleaseTransfer = 8,

    /// <summary><c>[u64 typeid hash][u8 kind]</c>: the object registered under a typeid; replies its id and kind.</summary>
    GetRegistered = 9,
}

/// <summary>The first byte of every reply.</summary>
internal enum ManagerStatus : byte
{
    /// <summary>The result bytes follow.</summary>
    Ok = 0,

    /// <summary>The served object threw: type name, message, full text follow.</summary>
    Threw = 1,
}
