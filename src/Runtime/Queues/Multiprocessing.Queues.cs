namespace Multiproc;

// The queue factories of Python's multiprocessing module (Queue, JoinableQueue, SimpleQueue).
public static partial class Multiprocessing
{
    /// <summary>Python's <c>multiprocessing.Queue(maxsize)</c>: same as <c>new ProcessQueue&lt;T&gt;(maxSize)</c>. Does not block.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="maxSize">The most items the queue holds; 0 or less for no limit.</param>
    /// <returns>A new queue, owned by this process.</returns>
    public static ProcessQueue<T> Queue<T>(int maxSize = 0) => new(maxSize);

    /// <summary>Python's <c>multiprocessing.JoinableQueue(maxsize)</c>: same as <c>new JoinableProcessQueue&lt;T&gt;(maxSize)</c>. Does not block.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="maxSize">The most items the queue holds; 0 or less for no limit.</param>
    /// <returns>A new joinable queue, owned by this process.</returns>
    public static JoinableProcessQueue<T> JoinableQueue<T>(int maxSize = 0) => new(maxSize);

    /// <summary>Python's <c>multiprocessing.SimpleQueue()</c>: same as <c>new SimpleProcessQueue&lt;T&gt;()</c>. Does not block.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <returns>A new simple queue, owned by this process.</returns>
    public static SimpleProcessQueue<T> SimpleQueue<T>() => new();
}
