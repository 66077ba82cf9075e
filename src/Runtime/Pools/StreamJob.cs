using System.Threading.Channels;
using Multiproc.Serialization;

namespace Multiproc.Pools;

/// <summary>
/// Items added while the caller iterates: the imap family. Each outcome goes into a channel the iterator
/// reads (index, value, error); an abort is written as index -1.
/// </summary>
internal sealed class StreamJob<T>(ProcessTargetInfo target, WireRead<T> read, TimeSpan? timeout) : PoolJob(target, timeout)
{
    private readonly Channel<(int Index, T Value, Exception? Error)> _outcomes =
        Channel.CreateUnbounded<(int, T, Exception?)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<(int Index, T Value, Exception? Error)> Outcomes => _outcomes.Reader;

    public override void SetResult(int index, ReadOnlySpan<byte> payload)
    {
        if (!ResultDecoding.TryDecode(read, Target, payload, out T value, out Exception? error))
        {
            SetError(index, error!);
            return;
        }

        _outcomes.Writer.TryWrite((index, value, null));
    }

    public override void SetError(int index, Exception error) => _outcomes.Writer.TryWrite((index, default!, error));

    public override void Abort(Exception error)
    {
        if (TryMarkCompleted())
        {
            _outcomes.Writer.TryWrite((-1, default!, error));
        }
    }
}
