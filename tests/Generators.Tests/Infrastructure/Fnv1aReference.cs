using System.Text;

namespace Multiproc.Generators.Tests.Infrastructure;

/// <summary>An independent FNV-1a 64 (the published constants), to check the ids the generator computes.</summary>
internal static class Fnv1aReference
{
    public static ulong Hash(string text)
    {
        ulong hash = 0xcbf29ce484222325;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001b3;
        }

        return hash;
    }
}
