namespace Multiproc;

/// <summary>
/// A child process whose target returns <typeparamref name="TResult"/>. Beyond Python: the return value
/// travels back to the parent, and an exception thrown by the target is rethrown here as
/// <see cref="RemoteException"/> with the child's stack trace.
/// </summary>
/// <typeparam name="TResult">The target's return type (<see cref="ValueTuple"/> for a void target).</typeparam>
public sealed class Process<TResult> : Process
{
    private readonly Func<byte[], TResult> _readResult;

    internal Process(ProcessTargetInfo target, byte[] arguments, int[] inheritedFds, ProcessOptions? options, Func<byte[], TResult> readResult)
        : base(target, arguments, inheritedFds, options) => _readResult = readResult;

    /// <summary>
    /// Waits for the child to exit and returns what the target returned.
    /// </summary>
    /// <returns>The target's return value.</returns>
    /// <exception cref="RemoteException">The target threw; the message and stack are the child's.</exception>
    /// <exception cref="ProcessFailedException">The child was killed or exited without returning.</exception>
    public TResult GetResult() => _readResult(GetResultBytes());

    /// <summary>Asynchronously waits for the child to exit and returns what the target returned.</summary>
    /// <param name="cancellationToken">Stops waiting (the child keeps running).</param>
    /// <returns>The target's return value.</returns>
    public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
        _readResult(await GetResultBytesAsync(cancellationToken).ConfigureAwait(false));
}
