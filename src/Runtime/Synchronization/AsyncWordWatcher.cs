namespace Multiproc;

/// <summary>
/// Async waits for a futex word in shared memory to change (a condition's or a barrier's sequence word):
/// each waiter says which value it last saw; the thread completes every waiter whose value is stale and
/// otherwise sleeps on the word (in slices of <see cref="LockCore.OwnerCheckMilliseconds"/>). Because a
/// waiter is completed whenever the word differs from what it saw, a change between its look and its
/// enqueue is never missed. Completion means only "look again": callers re-check their state under their
/// lock and wait again if nothing is theirs (spurious completions are allowed, as with futexes).
/// </summary>
internal sealed unsafe class AsyncWordWatcher : AsyncWaitThread<bool>
{
    private readonly SharedRegion _region;
    private readonly int _offset;

    /// <param name="region">The primitive's region; the mapping is held while the thread sleeps on it.</param>
    /// <param name="offset">The byte offset of the word within the region's state.</param>
    /// <param name="name">The thread's name.</param>
    public AsyncWordWatcher(SharedRegion region, int offset, string name)
        : base(name)
    {
        _region = region;
        _offset = offset;
    }

    /// <summary>
    /// Completes with true once the word no longer holds <paramref name="observed"/> (or spuriously), false
    /// when <paramref name="timeout"/> passes; cancelled by <paramref name="cancellationToken"/>.
    /// </summary>
    public Task<bool> WaitAsync(int observed, TimeSpan? timeout, CancellationToken cancellationToken) =>
        Enqueue(AsyncWaiter<bool>.Create(timeout, cancellationToken, observed, static s => s.TrySetResult(false), out Task<bool>? done), done);

    /// <inheritdoc/>
    protected override void RunOnce()
    {
        int* word = (int*)(_region.Enter() + _offset);
        try
        {
            int current = Volatile.Read(ref *word);
            bool stale = false;
            ForEachWaiter(w =>
            {
                if (w.Observed != current)
                {
                    stale |= w.Source.TrySetResult(true);
                }

                return true;
            });

            if (!stale)
            {
                Futex.Wait(word, current, Futex.DeadlineAfterMilliseconds(LockCore.OwnerCheckMilliseconds));
            }
        }
        finally
        {
            _region.Exit();
        }
    }
}
