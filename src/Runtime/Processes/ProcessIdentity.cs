namespace Multiproc.Processes;

/// <summary>
/// Who the current process is in the process tree: its name, its identity path (Python's
/// <c>_identity</c>: <c>""</c> in the main process, <c>"1"</c>, <c>"1:2"</c> below), its daemon flag and its
/// parent. Set once by the guard in a child.
/// </summary>
internal sealed class ProcessIdentity
{
    private static ProcessIdentity s_current = new("MainProcess", string.Empty, daemon: false, parentPid: null, parentName: null);
    private static int s_childCounter;

    public ProcessIdentity(string name, string identity, bool daemon, int? parentPid, string? parentName)
    {
        Name = name;
        Identity = identity;
        Daemon = daemon;
        ParentPid = parentPid;
        ParentName = parentName;
    }

    public static ProcessIdentity Current => Volatile.Read(ref s_current);

    public string Name { get; }

    public string Identity { get; }

    public bool Daemon { get; }

    public int? ParentPid { get; }

    public string? ParentName { get; }

    public bool IsChild => ParentPid is not null;

    /// <summary>The identity of the next child this process creates: <c>N</c>, or <c>parent:N</c> in a child.</summary>
    public static string NextChildIdentity()
    {
        int n = Interlocked.Increment(ref s_childCounter);
        string parent = Current.Identity;
        return parent.Length == 0 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{parent}:{n}";
    }

    public static void SetCurrent(ProcessIdentity identity) => Volatile.Write(ref s_current, identity);
}
