namespace Multiproc;

/// <summary>Managers: <c>multiprocessing.Manager()</c>.</summary>
public static partial class Multiprocessing
{
    /// <summary>
    /// Starts a <see cref="SyncManager"/> whose server runs in a child process and returns it: Python's
    /// <c>multiprocessing.Manager()</c>. Dispose it (<c>using var manager = Multiprocessing.Manager();</c>) to shut the
    /// server down.
    /// </summary>
    /// <returns>The started manager.</returns>
    /// <exception cref="ProcessStartException">The server process could not be started.</exception>
    public static SyncManager Manager()
    {
        var manager = new SyncManager();
        try
        {
            manager.Start();
            return manager;
        }
        catch
        {
            manager.Dispose();
            throw;
        }
    }
}
