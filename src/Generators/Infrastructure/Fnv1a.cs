using System.Text;

namespace Multiproc.Generators.Infrastructure;

/// <summary>
/// 64-bit FNV-1a over UTF-8: target ids (of the documentation-comment id) and schema hashes. Stable across
/// builds, platforms and .NET versions, unlike <c>string.GetHashCode</c>.
/// </summary>
internal static class Fnv1a
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The 64-bit hash.</returns>
    public static ulong Hash(string text)
    {
        ulong hash = OffsetBasis;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash = unchecked(hash * Prime);
        }

        return hash;
    }
}
