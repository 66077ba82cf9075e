namespace Multiproc.Processes;

/// <summary>
/// Pre-started idle children ("warm start"; Python's forkserver idea without fork). An idle child
/// has booted the runtime, passed the guard and said Hello; it waits for its Start frame. Taking one turns
/// a start into one message round trip. Refilled in the background; drained when disabled, when the
/// executable changes, and at exit. An idle child that loses its parent reads end-of-stream and exits.
/// </summary>
internal static class WarmStart
{
    private static readonly object s_lock = new();
    private static readonly Queue<SpawnedChild> s_idle = new();
    private static int s_target;
    private static int s_pending;
    private static int s_generation;
    private static bool s_hooked;
    private static Action[] s_childPrewarms = [];

    public static int IdleCount
    {
        get
        {
            lock (s_lock)
            {
                return s_idle.Count;
            }
        }
    }

    /// <summary>
    /// Adds work a warm child does while idle, before it says Hello, so that a parent taking it does not wait for
    /// it: an internal target registers the JIT compilation (and pre-running, on private descriptors) of its own
    /// start path. Registered from the runtime's module initializer, so every child has the same list.
    /// </summary>
    public static void AddChildPrewarm(Action prewarm)
    {
        ArgumentNullException.ThrowIfNull(prewarm);
        lock (s_lock)
        {
            s_childPrewarms = [.. s_childPrewarms, prewarm];
        }
    }

    /// <summary>Runs the registered child pre-warms (in a warm child, before Hello); a failing one only costs its speed-up.</summary>
    public static void RunChildPrewarms()
    {
        foreach (Action prewarm in Volatile.Read(ref s_childPrewarms))
        {
            try
            {
                prewarm();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or Serialization.WireFormatException)
            {
                // Pre-warming is an optimisation: the real start path reports its own errors.
            }
        }
    }

    public static void Configure(int idleChildren)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(idleChildren);
        if (idleChildren > 0)
        {
            BootstrapGuard.ThrowIfBeforeGuard("pre-start warm children");
        }

        SpawnedChild[] surplus;
        lock (s_lock)
        {
            s_target = idleChildren;
            if (!s_hooked && idleChildren > 0)
            {
                s_hooked = true;
                AppDomain.CurrentDomain.ProcessExit += static (_, _) => Configure(0);
            }

            surplus = TakeSurplus();
            Refill();
        }

        foreach (SpawnedChild child in surplus)
        {
            ChildSpawner.Discard(child);
        }

        if (idleChildren == 0)
        {
            // Children being pre-started right now are discarded when they arrive; wait for that, so that
            // turning warm start off leaves no child behind.
            lock (s_lock)
            {
                while (s_pending > 0)
                {
                    Monitor.Wait(s_lock);
                }
            }
        }
    }

    public static SpawnedChild? TryTake()
    {
        if (Volatile.Read(ref s_target) == 0 && IdleCount == 0)
        {
            return null; // warm start is off: no lock, no refill
        }

        var dead = new List<SpawnedChild>();
        SpawnedChild? taken = null;
        lock (s_lock)
        {
            while (s_idle.Count > 0)
            {
                SpawnedChild child = s_idle.Dequeue();
                if (Interop.Libc.PollReadable(child.PidFd, 0))
                {
                    dead.Add(child);
                    continue;
                }

                taken = child;
                break;
            }

            Refill();
        }

        foreach (SpawnedChild child in dead)
        {
            ChildSpawner.Discard(child);
        }

        return taken;
    }

    /// <summary>Idle children run the old program: replace them.</summary>
    public static void OnExecutableChanged()
    {
        SpawnedChild[] old;
        lock (s_lock)
        {
            s_generation++;
            old = [.. s_idle];
            s_idle.Clear();
            Refill();
        }

        foreach (SpawnedChild child in old)
        {
            ChildSpawner.Discard(child);
        }
    }

    private static SpawnedChild[] TakeSurplus()
    {
        var surplus = new List<SpawnedChild>();
        while (s_idle.Count > s_target)
        {
            surplus.Add(s_idle.Dequeue());
        }

        return [.. surplus];
    }

    private static void Refill()
    {
        while (s_idle.Count + s_pending < s_target)
        {
            s_pending++;
            int generation = s_generation;
            ThreadPool.UnsafeQueueUserWorkItem(static generation => SpawnOne(generation), generation, preferLocal: false);
        }
    }

    private static void SpawnOne(int generation)
    {
        SpawnedChild child;
        try
        {
            child = ChildSpawner.SpawnAndGreet([], TimeSpan.FromSeconds(60), warm: true);
        }
        catch (Exception e) when (e is ProcessStartException or IOException)
        {
            // The executable cannot be warm-started; stop trying. Start() will spawn cold and report why.
            lock (s_lock)
            {
                s_target = 0;
                Done();
            }

            return;
        }

        lock (s_lock)
        {
            if (generation == s_generation && s_idle.Count < s_target)
            {
                s_idle.Enqueue(child);
                Done();
                return;
            }
        }

        // Not wanted any more: end it before counting it as done, so Configure(0) never returns early.
        ChildSpawner.Discard(child);
        lock (s_lock)
        {
            Done();
        }
    }

    /// <summary>One pre-start finished (kept or discarded); start another if one is still missing. Caller holds the lock.</summary>
    private static void Done()
    {
        s_pending--;
        Monitor.PulseAll(s_lock);
        Refill();
    }
}
