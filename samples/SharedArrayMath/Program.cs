// A child fills a shared array; the parent sums it in place, without copying a byte.
// Python: multiprocessing.RawArray('d', n) (or shared_memory.SharedMemory + numpy). Needs the Multiproc generator (Spawn.*).
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

const int Count = 10_000_000;

using SharedArray<double> numbers = new(Count, lockFree: true);
using ProcessEvent filled = new();
Process child = Spawn.Fill(numbers, filled);
filled.Wait();

double sum = 0;
foreach (double x in numbers.Span) // the child's pages, mapped here too: no copy
{
    sum += x;
}

child.Join();
double expected = (double)Count * (Count - 1) / 2 * 0.5;
Console.WriteLine($"sum of {Count:N0} shared doubles: {sum:N1} (expected {expected:N1})");
return sum == expected ? 0 : 1;

static class Math2
{
    [ProcessTarget]
    public static void Fill(SharedArray<double> numbers, ProcessEvent filled)
    {
        Span<double> span = numbers.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = i * 0.5;
        }

        filled.Set();
    }
}
