namespace Multiproc.Pools;

/// <summary>Receives the outcomes of an <see cref="EncodedJob"/>'s items, on the pool's reader threads, once per item.</summary>
internal interface IEncodedItemSink
{
    /// <summary>Item <paramref name="index"/> returned; <paramref name="payload"/> is its encoded result, valid only during the call.</summary>
    void OnResult(int index, ReadOnlySpan<byte> payload);

    /// <summary>Item <paramref name="index"/> failed: a <see cref="RemoteException"/>, <see cref="WorkerDiedException"/> or <see cref="TimeoutException"/>.</summary>
    void OnError(int index, Exception error);
}
