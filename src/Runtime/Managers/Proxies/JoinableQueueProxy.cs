using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A queue owned by a manager that counts unfinished tasks: Python's <c>manager.JoinableQueue()</c>. Every item put
/// is one unfinished task until a consumer calls <see cref="TaskDone"/>; <see cref="Join"/> waits until none is left.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class JoinableQueueProxy<T> : QueueProxy<T>, IManagedProxy<JoinableQueueProxy<T>>, IWireSerializable<JoinableQueueProxy<T>>
{
    static JoinableQueueProxy() => WireSerializer<JoinableQueueProxy<T>>.Register(WireSerializer<JoinableQueueProxy<T>>.Create(Write, Read));

    private JoinableQueueProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.JoinableQueue)
    {
    }

    /// <inheritdoc/>
    static ManagedObjectKind IManagedProxy<JoinableQueueProxy<T>>.Kind => ManagedObjectKind.JoinableQueue;

    /// <inheritdoc/>
    static JoinableQueueProxy<T> IManagedProxy<JoinableQueueProxy<T>>.Attach(ProxyReference reference) => new(reference);

    /// <summary>Marks one task done (Python's <c>task_done()</c>).</summary>
    /// <exception cref="RemoteException">Called more times than items were put (<c>System.InvalidOperationException</c> in the manager).</exception>
    public void TaskDone() => Invoke((int)QueueMethod.TaskDone);

    /// <summary>Waits until every item put has been marked done (Python's <c>join()</c>).</summary>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <returns>True when no task is left; false when the timeout passed first.</returns>
    public bool Join(TimeSpan? timeout = null)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(Connection.ToMilliseconds(timeout));
        return Invoke((int)QueueMethod.Join, ref args)[0] != 0;
    }

    /// <summary>Waits until every item put has been marked done, without blocking a thread.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when no task is left.</returns>
    public async Task JoinAsync(CancellationToken cancellationToken = default)
    {
        WireWriter args = BeginArguments();
        args.WriteInt32(-1);
        await InvokeAsync((int)QueueMethod.Join, ref args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, JoinableQueueProxy<T> value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static new JoinableQueueProxy<T> Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new JoinableQueueProxy<T>(reference) : null!;
}
