using System.Threading.Channels;
using Multiproc.Distributed.Wire;
using Multiproc.Serialization;

namespace Multiproc.Distributed.Caller;

/// <summary>Items added while the caller iterates (the imap family): outcomes go into a channel; an abort is index -1.</summary>
internal sealed class CallerStreamJob<T>(ProcessTargetInfo target, WireRead<T> read) : CallerJob(target)
{
    private readonly Channel<(int Index, T Value, Exception? Error)> _outcomes =
        Channel.CreateUnbounded<(int, T, Exception?)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<(int Index, T Value, Exception? Error)> Outcomes => _outcomes.Reader;

    protected override void OnItem(int index, OutcomeKind kind, ReadOnlySpan<byte> payload)
    {
        Exception? error = Decode(read, kind, payload, out T value);
        _outcomes.Writer.TryWrite((index, value, error));
    }

    protected override void AfterChunk(int count)
    {
    }

    protected override void OnAbort(Exception error) => _outcomes.Writer.TryWrite((-1, default!, error));
}
