// A program that uses Multiproc from its NuGet package: three children count the primes in their
// share of a range; the parent adds up what they return.
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

const int Limit = 200_000;
const int Workers = 3;
var children = Enumerable.Range(0, Workers)
    .Select(i => Spawn.CountPrimes(new PrimeRange(i * Limit / Workers, (i + 1) * Limit / Workers)))
    .ToList();
int total = children.Sum(c => c.GetResult());
Console.WriteLine($"{total} primes below {Limit}, counted by {Workers} child processes");
return total == 17984 ? 0 : 1;

/// <summary>A half-open range of integers, sent to a child by the generated serializer.</summary>
[ProcessSerializable]
public sealed record PrimeRange(int Start, int End);

static class Work
{
    [ProcessTarget]
    public static int CountPrimes(PrimeRange range)
    {
        int count = 0;
        for (int n = Math.Max(2, range.Start); n < range.End; n++)
        {
            bool prime = true;
            for (int d = 2; d * d <= n; d++)
            {
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            count += prime ? 1 : 0;
        }

        Console.WriteLine($"child {Multiprocessing.CurrentProcess().Name} (pid {Environment.ProcessId}): {count} primes in [{range.Start}, {range.End})");
        return count;
    }
}
