namespace Multiproc.Tests.Targets.Private;

/// <summary>
/// Targets C# makes private by default (<c>static int Work(int x)</c> inside a class): the dispatch table
/// calls them through <c>[UnsafeAccessor]</c> extern methods, with no reflection. Their starters are internal
/// to this assembly, so a public target here starts them (as grandchildren of the test).
/// </summary>
public static class PrivateTargets
{
    /// <summary>Starts <see cref="SquarePrivately"/> and <see cref="Hidden.Shout"/> in children of its own; returns both results.</summary>
    /// <param name="x">The number to square.</param>
    /// <param name="text">The text to upper-case.</param>
    /// <returns>The square and the upper-cased text.</returns>
    [ProcessTarget]
    public static (int Square, string Shout) ViaPrivateTargets(int x, string text)
    {
        using Process<int> square = Spawn.SquarePrivately(x);
        using Process<string> shout = Spawn.Shout(text);
        return (square.GetResult(), shout.GetResult());
    }

    [ProcessTarget]
    static int SquarePrivately(int x) => x * x;

    private static class Hidden
    {
        [ProcessTarget]
        internal static string Shout(string text) => text.ToUpperInvariant() + "!";
    }
}
