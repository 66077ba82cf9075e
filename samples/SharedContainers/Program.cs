// Python's Manager example: a list and a dictionary owned by a manager's server process, changed through proxies by
// this program and by four children, then printed by the parent.
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

using SyncManager manager = Multiprocessing.Manager();

using ListProxy<int> numbers = manager.List(Enumerable.Range(0, 10));
numbers.Reverse();
Console.WriteLine(numbers);

using DictProxy<string, int> squares = manager.Dict<string, int>();
using ListProxy<string> visitors = manager.List<string>();
Process[] children = [.. Enumerable.Range(1, 4).Select(n => (Process)Spawn.AddEntries(squares, visitors, n))];
foreach (Process child in children)
{
    child.Join();
    if (child.ExitCode != 0)
    {
        Console.Error.WriteLine($"{child} failed: {child.Exception}");
        return 1;
    }
}

foreach ((string key, int value) in squares)
{
    Console.WriteLine($"{key}: {value}");
}

foreach (string visitor in visitors)
{
    Console.WriteLine(visitor);
}

return 0;

static class Work
{
    /// <summary>Runs in a child: the proxies arrived as arguments, and the child reconnected to the manager.</summary>
    [ProcessTarget]
    public static void AddEntries(DictProxy<string, int> squares, ListProxy<string> visitors, int n)
    {
        squares[$"child {n}"] = n * n;
        visitors.Add($"child {n} was here");
    }
}
