using Multiproc.Serialization;
using Xunit;

namespace Multiproc.Tests.SharedState;

public class SharedValueTests
{
    private struct Point
    {
        public int X;
        public double Y;
        public long Z;
    }

    [Fact]
    public void Values_of_several_types_are_seen_through_another_mapping()
    {
        using SharedValue<int> i = new(0);
        using SharedValue<double> d = new();
        using SharedValue<long> l = new(lockFree: true);
        using SharedValue<Point> p = new();
        using SharedValue<int> i2 = WireRoundTrip.Remap(i);
        using SharedValue<double> d2 = WireRoundTrip.Remap(d);
        using SharedValue<long> l2 = WireRoundTrip.Remap(l);
        using SharedValue<Point> p2 = WireRoundTrip.Remap(p);
        i2.Value = -42;
        d2.Value = Math.PI;
        l2.Value = (1L << 40) + 7;
        p2.Ref.X = 1;
        p2.Ref.Y = 2.5;
        p2.Ref.Z = long.MinValue;
        Assert.Equal(-42, i.Value);
        Assert.Equal(Math.PI, d.Value);
        Assert.Equal((1L << 40) + 7, l.Value);
        Assert.Equal(new Point { X = 1, Y = 2.5, Z = long.MinValue }, p.Value);
        Assert.Equal(5, new SharedValue<int>(5).Value);
    }

    [Fact]
    public void The_lock_is_shared_and_raw_values_have_none()
    {
        using SharedValue<int> v = new(1);
        using SharedValue<int> v2 = WireRoundTrip.Remap(v);
        Assert.Same(v.GetLock(), v.GetLock());
        v.GetLock().Acquire();
        Assert.Equal(Environment.ProcessId, v2.GetLock().OwnerPid);
        v.GetLock().Release();
        Assert.Equal(0, v2.GetLock().OwnerPid);

        using SharedValue<int> raw = new(1, lockFree: true);
        Assert.False(raw.HasLock);
        Assert.Throws<InvalidOperationException>(raw.GetLock);
    }

    [Fact]
    public void Four_mappings_times_one_thousand_increments_under_get_lock_make_4000()
    {
        using SharedValue<int> root = new(0);
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.Length; i++)
        {
            SharedValue<int> v = WireRoundTrip.Remap(root);
            threads[i] = new Thread(() =>
            {
                ProcessRLock l = v.GetLock();
                for (int j = 0; j < 1000; j++)
                {
                    using (l.Hold())
                    {
                        v.Value++;
                    }
                }

                v.Dispose();
            });
        }

        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        Assert.Equal(4000, root.Value);
    }

    [Fact]
    public void Arrays_expose_spans_indexers_with_bounds_checks_and_slices()
    {
        using SharedArray<double> a = new([1.0, 2.0, 3.0, 4.0]);
        using SharedArray<double> a2 = WireRoundTrip.Remap(a);
        Assert.Equal(4, a2.Length);
        a2[1] = 20;
        a2.Slice(2, 2).Fill(9);
        Assert.Equal([1.0, 20.0, 9.0, 9.0], a.ToArray());
        Assert.Equal(4, a.Span.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => a[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Slice(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedArray<int>(-1));
        using SharedArray<int> empty = new(0, lockFree: true);
        Assert.Equal(0, empty.Span.Length);
        Assert.Throws<InvalidOperationException>(empty.GetLock);
    }

    [Fact]
    public void Reading_a_handle_as_the_wrong_element_type_is_an_error()
    {
        using SharedArray<int> a = new(3);
        WireWriter writer = new();
        byte[] bytes;
        try
        {
            SharedArray<int>.Write(ref writer, a);
            bytes = writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }

        Assert.Throws<WireFormatException>(() =>
        {
            WireReader reader = new(bytes);
            return SharedArray<long>.Read(ref reader);
        });
        Assert.Throws<WireFormatException>(() =>
        {
            WireReader reader = new(bytes);
            return SharedValue<int>.Read(ref reader);
        });
    }

    [Fact]
    public void Disposing_everything_leaves_nothing_in_dev_shm()
    {
        string[] before = WireRoundTrip.OurShmFiles();
        SharedValue<int> v = new(1);
        SharedArray<byte> a = new(10);
        ProcessLock l = new();
        ProcessCondition c = new();
        ProcessBarrier b = new(2);
        ProcessEvent e = new();
        ProcessBoundedSemaphore s = new(1);
        Assert.True(WireRoundTrip.OurShmFiles().Length >= before.Length + 8);
        foreach (IDisposable d in new IDisposable[] { v, a, l, c, b, e, s })
        {
            d.Dispose();
        }

        Assert.Equal(before.Order(), WireRoundTrip.OurShmFiles().Order());
    }
}
