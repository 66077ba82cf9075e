using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Multiproc.Pools;

/// <summary>
/// The imap loop, shared by the local <see cref="Pool"/> and the distributed pool: reads the items lazily,
/// submits them a chunk at a time while fewer than a window of items await their outcome, and yields the
/// outcomes in input order (buffering early ones) or as they come. An outcome with index -1 is the job's
/// abort; an item's error is thrown when that item is reached.
/// </summary>
internal static class OutcomeStream
{
    /// <summary>Runs the loop.</summary>
    /// <param name="input">The items, read as the window allows.</param>
    /// <param name="chunkSize">Items per submitted chunk.</param>
    /// <param name="window">How many submitted items may await their outcome.</param>
    /// <param name="ordered">Input order (imap) or completion order (imap_unordered).</param>
    /// <param name="submit">Submits a chunk; the second argument is the index of its first item.</param>
    /// <param name="outcomes">Each item's (index, value, error), index -1 for the abort.</param>
    /// <param name="end">Called once at the end: true when every item was yielded, false when the loop was left early.</param>
    /// <param name="cancellationToken">Stops waiting for outcomes.</param>
    /// <returns>The results.</returns>
    public static async IAsyncEnumerable<TResult> ReadAsync<TArgs, TResult>(
        IEnumerator<TArgs> input,
        int chunkSize,
        int window,
        bool ordered,
        Func<List<TArgs>, int, ValueTask> submit,
        ChannelReader<(int Index, TResult Value, Exception? Error)> outcomes,
        Func<bool, ValueTask> end,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffered = ordered ? new Dictionary<int, (TResult Value, Exception? Error)>() : null;
        var chunk = new List<TArgs>(Math.Min(chunkSize, 4096));
        int submitted = 0;
        int yielded = 0;
        bool exhausted = false;
        try
        {
            while (true)
            {
                while (!exhausted && submitted - yielded < window)
                {
                    chunk.Clear();
                    while (chunk.Count < chunkSize && (exhausted = !input.MoveNext()) == false)
                    {
                        chunk.Add(input.Current);
                    }

                    if (chunk.Count > 0)
                    {
                        await submit(chunk, submitted).ConfigureAwait(false);
                        submitted += chunk.Count;
                    }
                }

                if (exhausted && yielded == submitted)
                {
                    yield break;
                }

                (int index, TResult value, Exception? error) = await outcomes.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (index < 0)
                {
                    throw error!;
                }

                if (buffered is null)
                {
                    yielded++;
                    if (error is not null)
                    {
                        throw error;
                    }

                    yield return value;
                    continue;
                }

                buffered[index] = (value, error);
                while (buffered.Remove(yielded, out (TResult Value, Exception? Error) next))
                {
                    yielded++;
                    if (next.Error is not null)
                    {
                        throw next.Error;
                    }

                    yield return next.Value;
                }
            }
        }
        finally
        {
            await end(exhausted && yielded == submitted).ConfigureAwait(false);
        }
    }

    /// <summary>Iterates <paramref name="source"/> blocking the calling thread (the non-async imap forms).</summary>
    public static IEnumerable<T> Blocking<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        IAsyncEnumerator<T> e = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ValueTask<bool> next = e.MoveNextAsync();
                if (!(next.IsCompletedSuccessfully ? next.Result : next.AsTask().GetAwaiter().GetResult()))
                {
                    yield break;
                }

                yield return e.Current;
            }
        }
        finally
        {
            e.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
