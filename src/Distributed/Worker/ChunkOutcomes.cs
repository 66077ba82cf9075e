using Multiproc.Pools;

namespace Multiproc.Distributed.Worker;

/// <summary>Collects the outcome of each item of one task as the node's local pool reports it.</summary>
internal sealed class ChunkOutcomes(int count) : IEncodedItemSink
{
    private readonly byte[]?[] _results = new byte[]?[count];
    private readonly Exception?[] _errors = new Exception?[count];

    public int Count => _results.Length;

    /// <summary>True when a child process died running one of the items (the task may be delivered again).</summary>
    public bool AnyWorkerDied => _errors.Any(static e => e is WorkerDiedException);

    public byte[]? ResultOf(int index) => _results[index];

    public Exception? ErrorOf(int index) => _errors[index];

    public void OnResult(int index, ReadOnlySpan<byte> payload) => _results[index] = payload.ToArray();

    public void OnError(int index, Exception error) => _errors[index] = error;
}
