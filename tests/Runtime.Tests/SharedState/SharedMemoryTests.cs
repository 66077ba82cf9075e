using Xunit;
using System.Runtime.InteropServices;

namespace Multiproc.Tests.SharedState;

public class SharedMemoryTests
{
    [Fact]
    public void Create_then_attach_by_name_shares_the_bytes()
    {
        using SharedMemory created = SharedMemory.Create(100);
        using SharedMemory attached = SharedMemory.Attach(created.Name);
        Assert.Equal(100, created.Size);
        Assert.Equal(100, attached.Size);
        Assert.True(created.IsCreator);
        Assert.False(attached.IsCreator);
        created.Span[99] = 42;
        Assert.Equal(42, attached.Span[99]);
        attached.Memory.Span[0] = 7;
        Assert.Equal(7, created.Span[0]);
        Assert.True(File.Exists("/dev/shm/mp_" + created.Name));
    }

    [Fact]
    public void Python_constructor_shape_with_a_chosen_name()
    {
        string name = "test_" + Guid.NewGuid().ToString("N");
        using SharedMemory created = new(name, create: true, size: 10);
        using SharedMemory attached = new(name);
        Assert.Equal(name, attached.Name);
        Assert.Equal(10, attached.Size);
    }

    [Fact]
    public void Dispose_of_the_creator_unlinks()
    {
        SharedMemory created = SharedMemory.Create(10);
        string path = "/dev/shm/mp_" + created.Name;
        Assert.True(File.Exists(path));
        created.Dispose();
        Assert.False(File.Exists(path));
        Assert.True(created.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => created.Span.Length);
    }

    [Fact]
    public void A_segment_of_another_layout_version_is_refused_by_name()
    {
        using SharedMemory created = SharedMemory.Create(100);
        using (FileStream f = new("/dev/shm/mp_" + created.Name, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = 4; // SegmentHeader.Version
            f.Write(BitConverter.GetBytes(1));
        }

        IOException ex = Assert.Throws<IOException>(() => SharedMemory.Attach(created.Name));
        Assert.Contains("another version of Multiproc (segment layout 1", ex.Message);
    }

    [Fact]
    public void The_users_bytes_start_half_way_into_a_page_to_avoid_4K_aliasing_in_copies()
    {
        using SharedMemory created = SharedMemory.Create(4096);
        unsafe
        {
            fixed (byte* p = created.Span)
            {
                Assert.Equal(2048, (int)((nint)p & 4095));
            }
        }
    }

    [Fact]
    public void Size_zero_on_create_is_an_error()
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => SharedMemory.Create(0));
        Assert.Contains("positive", ex.Message);
    }

    [Fact]
    public void No_name_without_create_is_an_error()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new SharedMemory(name: null, create: false));
        Assert.Contains("name", ex.Message);
    }

    [Fact]
    public void Create_over_an_existing_name_is_an_error()
    {
        string name = "test_" + Guid.NewGuid().ToString("N");
        using SharedMemory first = SharedMemory.Create(10, name);
        IOException ex = Assert.Throws<IOException>(() => SharedMemory.Create(10, name));
        Assert.Contains("already exists", ex.Message);
    }

    [Fact]
    public void Attach_to_a_missing_name_is_an_error()
    {
        FileNotFoundException ex = Assert.Throws<FileNotFoundException>(() => SharedMemory.Attach("test_missing_" + Guid.NewGuid().ToString("N")));
        Assert.Contains("No shared memory segment", ex.Message);
    }

    [Fact]
    public void Unlink_of_a_missing_name_is_an_error()
    {
        using SharedMemory created = SharedMemory.Create(10);
        created.Unlink();
        Assert.Throws<FileNotFoundException>(created.Unlink);
        Assert.Throws<FileNotFoundException>(() => SharedMemory.Attach(created.Name));
        created.Span[0] = 1; // still mapped after unlink
    }

    [Fact]
    public void Invalid_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SharedMemory.Create(10, "a/b"));
        Assert.Throws<ArgumentException>(() => SharedMemory.Create(10, ""));
    }

    [Fact]
    public void Travels_as_its_name_and_maps_the_same_memory()
    {
        using SharedMemory created = SharedMemory.Create(4096);
        using SharedMemory copy = WireRoundTrip.Remap(created);
        Assert.Equal(created.Name, copy.Name);
        MemoryMarshal.Write(created.Span, 123456789L);
        Assert.Equal(123456789L, MemoryMarshal.Read<long>(copy.Span));
        Assert.Equal(3, copy.GetSpan(4093, 3).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => copy.GetSpan(4094, 3));
    }

    [Fact]
    public void Segments_of_a_dead_creator_are_reaped()
    {
        string path = "/dev/shm/mp_test_dead_" + Guid.NewGuid().ToString("N");
        SegmentHeader header = new()
        {
            Magic = SegmentHeader.MagicValue,
            Version = 1,
            UserSize = 8,
            CreatorPid = WireRoundTrip.DeadPid(),
            CreatorStartTime = 1,
        };
        byte[] bytes = new byte[SegmentHeader.Size + 8];
        MemoryMarshal.Write(bytes, in header);
        File.WriteAllBytes(path, bytes);

        string alien = "/dev/shm/mp_test_alien_" + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(alien, new byte[16]);
        try
        {
            Assert.True(SegmentRegistry.ReapStale() >= 1);
            Assert.False(File.Exists(path));
            Assert.True(File.Exists(alien), "files without our header are left alone");
        }
        finally
        {
            File.Delete(path);
            File.Delete(alien);
        }
    }

    [Fact]
    public void Segments_of_a_creator_that_is_SIGKILLed_are_reaped()
    {
        // A real creator process that is killed without cleaning up, as a SIGKILLed parent would be. Any
        // process will do (the header names its pid and start time; the reaper asks the kernel whether that
        // process still runs), so a plain `sleep` stands in and the test writes the header on its behalf.
        string path = "/dev/shm/mp_test_killed_" + Guid.NewGuid().ToString("N");
        System.Diagnostics.ProcessStartInfo info = new("sleep") { UseShellExecute = false };
        info.ArgumentList.Add("120");
        using System.Diagnostics.Process creator = System.Diagnostics.Process.Start(info)!;
        try
        {
            Assert.True(ProcessLiveness.TryReadStat(creator.Id, out _, out long startTime));
            SegmentHeader written = new()
            {
                Magic = SegmentHeader.MagicValue,
                Version = SegmentHeader.CurrentVersion,
                UserSize = 8,
                CreatorPid = creator.Id,
                CreatorStartTime = startTime,
            };
            byte[] file = new byte[SegmentHeader.Size + 8];
            MemoryMarshal.Write(file, in written);
            File.WriteAllBytes(path, file);

            Assert.True(SegmentRegistry.TryReadHeader(path, out SegmentHeader header));
            Assert.Equal(creator.Id, header.CreatorPid);
            SharedMemory.ReapStale();
            Assert.True(File.Exists(path), "the creator is alive: its segment stays");
            creator.Kill();
            creator.WaitForExit();
            Assert.True(SharedMemory.ReapStale() >= 1);
            Assert.False(File.Exists(path));
        }
        finally
        {
            if (!creator.HasExited)
            {
                creator.Kill();
                creator.WaitForExit();
            }

            File.Delete(path);
        }
    }

    [Fact]
    public void Segments_of_a_live_creator_are_kept()
    {
        using SharedMemory created = SharedMemory.Create(10);
        SegmentRegistry.ReapStale();
        Assert.True(File.Exists("/dev/shm/mp_" + created.Name));
        Assert.Contains(created.Name, SegmentRegistry.Owned());
    }
}
