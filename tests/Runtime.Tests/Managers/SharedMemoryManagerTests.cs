using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets.Managers;

namespace Multiproc.Tests.Managers;

public sealed class SharedMemoryManagerTests : ChildProcessTest
{
    [Fact]
    public void ShareableList_HoldsMixedItems_WithPythonsChecks()
    {
        using var list = new ShareableList([1, 2.5, true, "hi", new byte[] { 1, 2 }, null]);
        Assert.Equal(6, list.Count);
        Assert.Equal(1L, list[0]);
        Assert.Equal(2.5, list[1]);
        Assert.Equal(true, list[2]);
        Assert.Equal("hi", list[3]);
        Assert.Equal(new byte[] { 1, 2 }, list[4]);
        Assert.Null(list[5]);
        Assert.Equal($"ShareableList([1, 2.5, True, 'hi', b'\u0001\u0002', None], name='{list.Name}')", list.ToString());

        list[5] = "12345678"; // A null's 8-byte slot takes 8 bytes of text.
        Assert.Equal("12345678", list[5]);
        ArgumentException tooLarge = Assert.Throws<ArgumentException>(() => list[3] = "much longer than its slot");
        Assert.Contains("exceeds available storage", tooLarge.Message);
        Assert.Equal("12345678", list[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[6]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1] = 1);
        Assert.Throws<ArgumentException>(() => list[0] = new object());
        Assert.Throws<ArgumentException>(() => new ShareableList([DateTime.Now]));
        Assert.Equal(3, list.IndexOf("hi"));
        Assert.Equal(1, list.CountOf(1));

        using ShareableList attached = ShareableList.Attach(list.Name);
        attached[0] = -7;
        Assert.Equal(-7L, list[0]);
    }

    [Fact]
    public void ShareableList_PassedToAChild_IsTheSameMemory()
    {
        using var list = new ShareableList([1, 0.5, false, "hello"]);
        Process<double> child = Spawn.ShareableListWrite(list);
        Assert.True(child.Join(Patience));
        Assert.Equal(0.5, child.GetResult());
        child.Close();
        Assert.Equal(42L, list[0]);
        Assert.Equal("yo", list[3]);
    }

    [Fact]
    public void SharedMemoryManager_OwnsItsBlocks_AndUnlinksThemAllAtShutdown()
    {
        var manager = new SharedMemoryManager();
        manager.Start();
        SharedMemory block = manager.SharedMemory(4096);
        ShareableList list = manager.ShareableList(["a", 1]);
        block.Span[0] = 9;
        Assert.Equal(["a", 1L], list.ToArray());
        IReadOnlyList<string> names = manager.ListBlocks();
        Assert.Equal([block.Name, list.Name], names);
        Assert.All(names, n => Assert.True(File.Exists(SegmentRegistry.PathOf(n))));

        block.Dispose(); // Only unmaps: the manager owns the block.
        Assert.True(File.Exists(SegmentRegistry.PathOf(names[0])));
        manager.Dispose();
        Assert.All(names, n => Assert.False(File.Exists(SegmentRegistry.PathOf(n))));
        Assert.Equal("a", list[0]); // Still mapped here until disposed, as in Python.
        list.Dispose();
        Assert.Throws<ObjectDisposedException>(() => manager.SharedMemory(16)); // the manager itself was disposed
    }
}
