using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// What every pool worker runs once before taking tasks: a <c>[ProcessTarget]</c> and its arguments
/// (Python's <c>Pool(initializer=f, initargs=(…))</c>). Create one with
/// <see cref="Create{TArgs, TResult}(ProcessTarget{TArgs, TResult}, TArgs)"/> and set it as
/// <see cref="PoolOptions.Initializer"/>. The arguments are encoded again for each worker, so they may
/// carry process objects (queues, pipes, locks) the way <c>Spawn.*</c> arguments do.
/// </summary>
public abstract class PoolInitializer
{
    private protected PoolInitializer(ProcessTargetInfo target) => Target = target;

    /// <summary>The target each worker runs first.</summary>
    public ProcessTargetInfo Target { get; }

    /// <summary>Creates an initializer. Does not block.</summary>
    /// <typeparam name="TArgs">The target's argument (or argument tuple) type.</typeparam>
    /// <typeparam name="TResult">The target's return type; the value is discarded.</typeparam>
    /// <param name="target">The generated descriptor, <c>Targets.&lt;Method&gt;</c>.</param>
    /// <param name="arguments">The arguments (Python's <c>initargs</c>).</param>
    /// <returns>The initializer.</returns>
    public static PoolInitializer Create<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new Typed<TArgs>(target, target.WriteArguments, arguments);
    }

    /// <summary>Names the target, e.g. <c>&lt;PoolInitializer Setup&gt;</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"<PoolInitializer {Target.Name}>";

    /// <summary>Encodes the arguments (inside a worker start, so transferred handles are collected).</summary>
    internal abstract void WriteArguments(ref WireWriter writer);

    private sealed class Typed<TArgs>(ProcessTargetInfo target, WireWrite<TArgs> write, TArgs arguments) : PoolInitializer(target)
    {
        internal override void WriteArguments(ref WireWriter writer) => write(ref writer, arguments);
    }
}
