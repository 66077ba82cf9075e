namespace Multiproc.Distributed.Caller;

/// <summary>Fails a completion source the way the local pool does: cancellation as a cancelled task.</summary>
internal static class CallerCompletion
{
    public static void Fail<T>(TaskCompletionSource<T> completion, Exception error)
    {
        if (error is OperationCanceledException canceled)
        {
            completion.TrySetCanceled(canceled.CancellationToken);
        }
        else
        {
            completion.TrySetException(error);
        }
    }
}
