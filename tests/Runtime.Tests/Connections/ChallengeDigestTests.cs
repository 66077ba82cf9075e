using System.Security.Cryptography;
using Multiproc.Connections;
using Xunit;

namespace Multiproc.Tests.Connections;

/// <summary>The digest rules of CPython 3.12's <c>_create_response</c>/<c>_verify_challenge</c>, both forms.</summary>
public sealed class ChallengeDigestTests
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact]
    public void LegacyChallenge_IsAnsweredWithABareHmacMd5()
    {
        byte[] challenge = RandomNumberGenerator.GetBytes(20);
        byte[] response = ChallengeDigest.CreateResponse(Key, challenge);
        Assert.Equal(HMACMD5.HashData(Key, challenge), response);
    }

    [Fact]
    public void PrefixedChallenge_IsAnsweredWithAPrefixedMacOverTheWholeChallenge()
    {
        byte[] challenge = [.. "{sha256}"u8, .. RandomNumberGenerator.GetBytes(40)];
        byte[] response = ChallengeDigest.CreateResponse(Key, challenge);
        Assert.Equal([.. "{sha256}"u8, .. HMACSHA256.HashData(Key, challenge)], response);
        ChallengeDigest.Verify(Key, challenge, response);
    }

    [Fact]
    public void LegacyPeer_AnsweringOurPrefixedChallengeWithBareMd5_IsAccepted()
    {
        byte[] challenge = [.. "{sha256}"u8, .. RandomNumberGenerator.GetBytes(40)];
        ChallengeDigest.Verify(Key, challenge, HMACMD5.HashData(Key, challenge));
    }

    [Fact]
    public void WrongMac_OrUnknownDigest_OrBadLength_IsRejected()
    {
        byte[] challenge = [.. "{sha256}"u8, .. RandomNumberGenerator.GetBytes(40)];
        Assert.Contains("wrong", Assert.Throws<AuthenticationFailedException>(() =>
            ChallengeDigest.Verify(Key, challenge, [.. "{sha256}"u8, .. HMACSHA256.HashData("x"u8, challenge)])).Message);
        Assert.Throws<AuthenticationFailedException>(() => ChallengeDigest.Verify(Key, challenge, [.. "{sha1}"u8, .. new byte[20]]));
        Assert.Throws<AuthenticationFailedException>(() => ChallengeDigest.Verify(Key, challenge, [.. "{sha256}"u8, .. new byte[31]]));
        Assert.Throws<AuthenticationFailedException>(() => ChallengeDigest.Verify(Key, challenge, new byte[33]));
        Assert.Throws<AuthenticationFailedException>(() => ChallengeDigest.CreateResponse(Key, new byte[21]));
    }

    [Fact]
    public void Sha384Challenge_IsAnswered()
    {
        byte[] challenge = [.. "{sha384}"u8, .. RandomNumberGenerator.GetBytes(40)];
        byte[] response = ChallengeDigest.CreateResponse(Key, challenge);
        Assert.Equal(8 + 48, response.Length);
        ChallengeDigest.Verify(Key, challenge, response);
    }
}
