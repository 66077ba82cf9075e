using System.Diagnostics;

namespace Multiproc.Pools;

/// <summary>
/// One task in Python's sense: a run of consecutive items of one job, sent to a worker as one frame (a chunk
/// of a map, one apply, or one item re-queued after its worker died). <see cref="PoolOptions.MaxTasksPerChild"/>
/// counts these.
/// </summary>
[DebuggerDisplay("{Job.Target.Name,nq} items {JobIndex}..{JobIndex + Count - 1}")]
internal sealed class WorkUnit
{
    public WorkUnit(PoolJob job, int jobIndex, ArgBlock args, int argStart, int count)
    {
        Debug.Assert(count > 0 && argStart + count <= args.Count, "unit outside its argument block");
        Job = job;
        JobIndex = jobIndex;
        Args = args;
        ArgStart = argStart;
        Count = count;
        FrameLength = TaskFrame.WireLength(count, args.Offsets[argStart + count] - args.Offsets[argStart]);
    }

    /// <summary>The job the items belong to.</summary>
    public PoolJob Job { get; }

    /// <summary>The job's index of the first item.</summary>
    public int JobIndex { get; }

    /// <summary>Where the items' arguments are.</summary>
    public ArgBlock Args { get; }

    /// <summary>The argument block's index of the first item.</summary>
    public int ArgStart { get; }

    /// <summary>How many items.</summary>
    public int Count { get; }

    /// <summary>The size of the task frame, in bytes.</summary>
    public int FrameLength { get; }

    /// <summary>A unit holding only item <paramref name="offset"/> of this one (for re-queueing).</summary>
    public WorkUnit Single(int offset) => Count == 1 ? this : new WorkUnit(Job, JobIndex + offset, Args, ArgStart + offset, 1);
}
