namespace Multiproc;

/// <summary>
/// An exception thrown in another process, surfaced in this one: carries the remote type name, message
/// and stack trace as text (no remote type is instantiated). <see cref="ToString"/> shows the remote stack,
/// as Python's <c>RemoteTraceback</c> does.
/// </summary>
public sealed class RemoteException : MultiprocessingException
{
    /// <summary>Creates the exception from the parts sent by the remote process.</summary>
    /// <param name="remoteTypeName">The full name of the exception type in the remote process.</param>
    /// <param name="remoteMessage">Its message.</param>
    /// <param name="remoteStackTrace">Its <c>ToString()</c> text, with the remote stack trace.</param>
    public RemoteException(string remoteTypeName, string remoteMessage, string remoteStackTrace)
        : base($"{remoteTypeName}: {remoteMessage}")
    {
        RemoteTypeName = remoteTypeName;
        RemoteMessage = remoteMessage;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception type thrown in the remote process.</summary>
    public string RemoteTypeName { get; }

    /// <summary>The remote exception's message.</summary>
    public string RemoteMessage { get; }

    /// <summary>The remote exception's full text (type, message, stack, inner exceptions).</summary>
    public string RemoteStackTrace { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{base.ToString()}{Environment.NewLine} ---> Remote traceback:{Environment.NewLine}{RemoteStackTrace}{Environment.NewLine} <--- End of remote traceback";
}
