using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Multiproc.Queues;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;
using Xunit.Abstractions;

namespace Multiproc.Tests.Queues;

/// <summary>Processes SIGKILLed while they hold a queue's locks, aimed rather than at random.</summary>
public sealed partial class QueueKillTests : ChildProcessTest
{
    private const int SIGKILL = 9, SIGSTOP = 19, SIGCONT = 18;

    private readonly ITestOutputHelper _output;

    public QueueKillTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void HundredsOfKillsInsideGetAndPut_NeverStallTheQueue_AndLeaveItsCountsExact()
    {
        const int kills = 200, victimsAtOnce = 1, maxSize = 64;
        using var q = new ProcessQueue<int>(maxSize);
        using var file = MemoryMappedFile.CreateFromFile("/dev/shm/" + q.SegmentName, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        using MemoryMappedViewAccessor control = file.CreateViewAccessor(0, QueueLayout.RingOffset);
        var clock = Stopwatch.StartNew();
        Multiprocessing.SetWarmStart(1); // the next victim boots while the current one is aimed at
        var victims = new List<Process>();
        int readKills = 0, writeKills = 0, misses = 0;
        var random = new Random(12);
        long spawnTicks = 0, startTicks = 0;
        try
        {
            q.Put(-1, Patience);
            while (readKills + writeKills < kills)
            {
                while (victims.Count < victimsAtOnce)
                {
                    // Aim only once the victim is in its loop: it has taken an item.
                    long taken = control.ReadInt64(QueueLayout.ItemsGot);
                    if (q.Count < 1)
                    {
                        q.Put(-1, Patience);
                    }

                    long t0 = clock.ElapsedTicks;
                    victims.Add(Spawn.GetPutForever(q));
                    spawnTicks += clock.ElapsedTicks - t0;
                    var starting = Stopwatch.StartNew();
                    while (control.ReadInt64(QueueLayout.ItemsGot) == taken)
                    {
                        Assert.True(starting.Elapsed < Patience, $"the victim did not start taking items: {Describe(control)}, kills {readKills}+{writeKills}");
                        Thread.Sleep(1);
                    }

                    startTicks += starting.ElapsedTicks;
                }

                // Keep an item or two circulating (a victim killed between its Get and its Put takes one along).
                // The parent's Put may have to take the producers' lock over from a killed victim: a stall shows here.
                if (q.Count < 1)
                {
                    q.Put(-1, Patience);
                }

                Process victim = victims[(readKills + writeKills + misses) % victims.Count];
                int pid = victim.Pid!.Value;
                Kill(pid, SIGSTOP);
                var stopping = Stopwatch.StartNew();
                while (!IsStopped(pid))
                {
                    Assert.True(stopping.Elapsed < Patience, "the victim did not stop");
                    Thread.Yield();
                }

                bool reader = Owner(control, QueueLayout.ReadLock) == pid, writer = Owner(control, QueueLayout.WriteLock) == pid;

                // Alternate the aim between the two locks, so that both are exercised.
                if ((readKills + writeKills) % 2 == 0 ? reader : writer && !reader)
                {
                    Kill(pid, SIGKILL);
                    Assert.True(victim.Join(Patience));
                    Assert.Equal(-SIGKILL, victim.ExitCode);
                    victims.Remove(victim);
                    readKills += reader ? 1 : 0;
                    writeKills += writer && !reader ? 1 : 0;
                }
                else
                {
                    // Let it run on to a different point: until it has put or taken another item, plus a random pause.
                    misses++;
                    long progress = Progress(control);
                    Kill(pid, SIGCONT);
                    var running = Stopwatch.StartNew();
                    while (Progress(control) == progress)
                    {
                        Assert.True(running.Elapsed < Patience, $"the queue stalled: {Describe(control)}");
                        Thread.Yield();
                    }

                    Thread.SpinWait(random.Next(1, 2000));
                }
            }
        }
        finally
        {
            Multiprocessing.SetWarmStart(0);
            foreach (Process victim in victims)
            {
                Kill(victim.Pid!.Value, SIGKILL);
                Kill(victim.Pid!.Value, SIGCONT);
                victim.Join(Patience);
            }
        }

        // No stall: both locks can be taken (from dead holders, if need be) and the queue works.
        int drained = 0;
        while (q.Count > 0 || drained == 0)
        {
            q.Get(Patience);
            drained++;
            Assert.True(drained <= maxSize + 1, $"Count still says {q.Count} after {drained} gets");
        }

        // Exact counts: a drained queue says so, and a bounded queue has all its slots.
        Assert.Equal(0, q.Count);
        Assert.True(q.IsEmpty);
        Assert.Throws<QueueEmptyException>(() => q.GetNoWait());
        for (int i = 0; i < maxSize; i++)
        {
            q.PutNoWait(i);
        }

        Assert.True(q.IsFull);
        Assert.Throws<QueueFullException>(() => q.PutNoWait(maxSize));
        _output.WriteLine($"{readKills} kills holding the consumers' lock, {writeKills} holding the producers' lock, {misses} stops with no lock held, {clock.Elapsed.TotalSeconds:0.0} s (spawn {spawnTicks / (double)Stopwatch.Frequency:0.0} s, first item {startTicks / (double)Stopwatch.Frequency:0.0} s)");
    }

    [Fact]
    public void ALockWordNamingAReusedPid_IsTakenOver_OneNamingTheLiveOwner_IsNot()
    {
        using var q = new ProcessQueue<int>();
        using var file = MemoryMappedFile.CreateFromFile("/dev/shm/" + q.SegmentName, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        using MemoryMappedViewAccessor control = file.CreateViewAccessor(0, QueueLayout.RingOffset);
        Process live = Spawn.Sleep(600_000);
        try
        {
            int pid = live.Pid!.Value;
            Assert.True(ProcessLiveness.TryReadStat(pid, out _, out long start) && start > 0);
            q.Put(1);
            foreach (int offset in new[] { QueueLayout.WriteLock, QueueLayout.ReadLock })
            {
                // The live process with its own start time holds the lock: nobody may take it.
                control.Write(offset, OwnerWord(pid, start));
                var timeout = TimeSpan.FromMilliseconds(300);
                Assert.ThrowsAny<Exception>(() =>
                {
                    if (offset == QueueLayout.WriteLock)
                    {
                        q.Put(2, timeout);
                    }
                    else
                    {
                        q.Get(timeout);
                    }
                });
                Assert.Equal(pid, Owner(control, offset));

                // The same pid with another start time is a reused pid: the holder is dead, the lock is taken over.
                control.Write(offset, OwnerWord(pid, start + 1));
                if (offset == QueueLayout.WriteLock)
                {
                    q.Put(2, Patience);
                }
                else
                {
                    Assert.Equal(1, q.Get(Patience));
                }

                Assert.Equal(0, control.ReadInt64(offset));
            }

            Assert.Equal(2, q.Get(Patience));
            Assert.True(q.IsEmpty);
        }
        finally
        {
            live.Kill();
            live.Join(Patience);
        }
    }

    private static long OwnerWord(int pid, long startTime) => (uint)pid | ((long)LockCore.StartTag(startTime) << 32);

    private static string Describe(MemoryMappedViewAccessor c) =>
        $"write lock {c.ReadInt64(QueueLayout.WriteLock):X}, read lock {c.ReadInt64(QueueLayout.ReadLock):X}, head {c.ReadInt64(QueueLayout.Head)}, put {c.ReadInt64(QueueLayout.ItemsPut)}, tail {c.ReadInt64(QueueLayout.Tail)}, got {c.ReadInt64(QueueLayout.ItemsGot)}, journals {c.ReadInt64(QueueLayout.WriteJournalHead)}/{c.ReadInt64(QueueLayout.WriteJournalItems)} {c.ReadInt64(QueueLayout.ReadJournalTail)}/{c.ReadInt64(QueueLayout.ReadJournalItems)}";

    /// <summary>Items put plus items taken: grows whenever anybody gets on.</summary>
    private static long Progress(MemoryMappedViewAccessor c) => c.ReadInt64(QueueLayout.ItemsPut) + c.ReadInt64(QueueLayout.ItemsGot);

    /// <summary>The pid a lock word names (see LockState), 0 when free.</summary>
    private static int Owner(MemoryMappedViewAccessor control, int offset) => (int)(control.ReadInt64(offset) & 0x3FFF_FFFF);

    private static bool IsStopped(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is 'T' or 't';
        }
        catch (IOException)
        {
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
