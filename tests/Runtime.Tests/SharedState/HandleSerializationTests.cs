using Multiproc.Serialization;
using Xunit;

namespace Multiproc.Tests.SharedState;

public class HandleSerializationTests
{
    private static T? RoundTripNull<T>() where T : class, IWireSerializable<T> => WireRoundTrip.Remap<T>(null!);

    [Fact]
    public void Null_handles_travel_as_null()
    {
        Assert.Null(RoundTripNull<SharedMemory>());
        Assert.Null(RoundTripNull<ProcessLock>());
        Assert.Null(RoundTripNull<ProcessRLock>());
        Assert.Null(RoundTripNull<ProcessSemaphore>());
        Assert.Null(RoundTripNull<ProcessBoundedSemaphore>());
        Assert.Null(RoundTripNull<ProcessEvent>());
        Assert.Null(RoundTripNull<ProcessCondition>());
        Assert.Null(RoundTripNull<ProcessBarrier>());
        Assert.Null(RoundTripNull<SharedValue<int>>());
        Assert.Null(RoundTripNull<SharedArray<int>>());
    }

    [Fact]
    public void A_handle_of_one_kind_cannot_be_read_as_another()
    {
        using ProcessLock l = new();
        WireWriter writer = new();
        byte[] bytes;
        try
        {
            ProcessLock.Write(ref writer, l);
            bytes = writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }

        Assert.Throws<WireFormatException>(() =>
        {
            WireReader reader = new(bytes);
            return ProcessEvent.Read(ref reader);
        });
    }

    [Fact]
    public void A_condition_travels_with_its_lock()
    {
        using ProcessLock l = new();
        using ProcessCondition c = new(l);
        using ProcessCondition c2 = WireRoundTrip.Remap(c);
        ProcessLock l2 = Assert.IsType<ProcessLock>(c2.Lock);
        c.Acquire();
        Assert.True(l2.IsLocked);
        c.Release();
    }
}
