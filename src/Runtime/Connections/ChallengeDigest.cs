using System.Security.Cryptography;
using System.Text;

namespace Multiproc.Connections;

/// <summary>
/// The message authentication codes of <c>multiprocessing.connection</c>'s handshake. Since Python 3.12 a challenge
/// and a response carry their digest as a <c>{name}</c> prefix (<c>{sha256}</c> by default); Python 3.11 and older
/// send a bare 20-byte challenge and answer with a bare 16-byte HMAC-MD5. A message of one of those two legacy
/// lengths is read as legacy; anything else must carry an allowed prefix.
/// </summary>
internal static class ChallengeDigest
{
    /// <summary>The length of a legacy (Python ≤ 3.11) challenge.</summary>
    public const int LegacyChallengeLength = 20;

    /// <summary>The length of a legacy response, a bare HMAC-MD5.</summary>
    public const int LegacyResponseLength = 16;

    /// <summary>The digest a challenge we deliver names, as CPython's default.</summary>
    public const string DefaultDigest = "sha256";

    /// <summary>The digests CPython accepts in a prefix; the longest name bounds the search for the closing brace.</summary>
    private static readonly string[] s_allowed = ["md5", "sha256", "sha384", "sha3_256", "sha3_384"];

    private const int MaxDigestNameLength = 8;

    /// <summary>
    /// Splits a challenge or response into its digest name ("" for the legacy form) and the payload after the prefix.
    /// </summary>
    /// <exception cref="AuthenticationFailedException">Neither a legacy length nor an allowed prefix.</exception>
    public static (string Digest, int PayloadOffset) Parse(ReadOnlySpan<byte> message)
    {
        if (message.Length is LegacyChallengeLength or LegacyResponseLength)
        {
            return (string.Empty, 0);
        }

        if (message.Length > 1 && message[0] == (byte)'{')
        {
            int searchLength = Math.Min(message.Length - 1, MaxDigestNameLength + 1);
            int close = message.Slice(1, searchLength).IndexOf((byte)'}');
            if (close > 0)
            {
                string name = Encoding.ASCII.GetString(message.Slice(1, close));
                if (Array.IndexOf(s_allowed, name) >= 0)
                {
                    return (name, close + 2);
                }
            }
        }

        throw ThrowHelper.CreateAuthenticationMessageBytesNeitherLegacyLength(message.Length);
    }

    /// <summary>The response to <paramref name="challenge"/> (Python's <c>_create_response</c>): the MAC covers the whole challenge, prefix included.</summary>
    public static byte[] CreateResponse(byte[] authkey, ReadOnlySpan<byte> challenge)
    {
        (string digest, _) = Parse(challenge);
        if (digest.Length == 0)
        {
            return Mac("md5", authkey, challenge);
        }

        byte[] mac = Mac(digest, authkey, challenge);
        byte[] prefix = Encoding.ASCII.GetBytes("{" + digest + "}");
        return [.. prefix, .. mac];
    }

    /// <summary>Checks <paramref name="response"/> to our <paramref name="challenge"/> (Python's <c>_verify_challenge</c>).</summary>
    /// <exception cref="AuthenticationFailedException">The response is malformed or its MAC is wrong.</exception>
    public static void Verify(byte[] authkey, ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> response)
    {
        (string digest, int offset) = Parse(response);
        if (digest.Length == 0)
        {
            digest = "md5";
        }

        byte[] expected = Mac(digest, authkey, challenge);
        ReadOnlySpan<byte> mac = response[offset..];
        if (expected.Length != mac.Length)
        {
            ThrowHelper.ThrowResponseBytesWhereWereExpected(digest, mac.Length, expected.Length);
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            ThrowHelper.ThrowDigestReceivedWrongPeerUsesDifferent();
        }
    }

    private static byte[] Mac(string digest, byte[] key, ReadOnlySpan<byte> data) => digest switch
    {
        "md5" => HMACMD5.HashData(key, data),
        "sha256" => HMACSHA256.HashData(key, data),
        "sha384" => HMACSHA384.HashData(key, data),
        "sha3_256" when HMACSHA3_256.IsSupported => HMACSHA3_256.HashData(key, data),
        "sha3_384" when HMACSHA3_384.IsSupported => HMACSHA3_384.HashData(key, data),
        _ => throw ThrowHelper.CreateDigestNotSupportedMachine(digest),
    };
}
