using System.Security.Cryptography;
using System.Text;

namespace Multiproc.Connections;

/// <summary>
/// The mutual HMAC challenge/response of <c>multiprocessing.connection</c>: the listener delivers a challenge and
/// then answers one, the client does the reverse. Wire-compatible with CPython 3.12+ (<c>{sha256}</c>-prefixed) and,
/// in both roles, with the bare HMAC-MD5 form of Python 3.11 and older.
/// </summary>
internal static class ConnectionHandshake
{
    /// <summary>Random bytes in a challenge (CPython's <c>MESSAGE_LENGTH</c>; must exceed the legacy 20).</summary>
    private const int ChallengeRandomLength = 40;

    /// <summary>Handshake messages longer than this are refused (CPython's <c>recv_bytes(256)</c>).</summary>
    private const int MaxHandshakeMessage = 256;

    private static readonly byte[] s_challenge = "#CHALLENGE#"u8.ToArray();
    private static readonly byte[] s_welcome = "#WELCOME#"u8.ToArray();
    private static readonly byte[] s_failure = "#FAILURE#"u8.ToArray();

    /// <summary>The listener's side: deliver a challenge, then answer the client's.</summary>
    public static async ValueTask ServerAsync<TIO>(Connection connection, byte[] authkey, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        await DeliverChallengeAsync<TIO>(connection, authkey, deadline, cancellationToken).ConfigureAwait(false);
        await AnswerChallengeAsync<TIO>(connection, authkey, deadline, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The client's side: answer the listener's challenge, then deliver one.</summary>
    public static async ValueTask ClientAsync<TIO>(Connection connection, byte[] authkey, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        await AnswerChallengeAsync<TIO>(connection, authkey, deadline, cancellationToken).ConfigureAwait(false);
        await DeliverChallengeAsync<TIO>(connection, authkey, deadline, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Python's <c>deliver_challenge</c>: a <c>{sha256}</c>-prefixed challenge, which a legacy peer answers with HMAC-MD5 over all of it.</summary>
    private static async ValueTask DeliverChallengeAsync<TIO>(Connection connection, byte[] authkey, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        byte[] challenge = [.. Encoding.ASCII.GetBytes("{" + ChallengeDigest.DefaultDigest + "}"), .. RandomNumberGenerator.GetBytes(ChallengeRandomLength)];
        await connection.SendFrameAsync<TIO>((byte[])[.. s_challenge, .. challenge], cancellationToken).ConfigureAwait(false);
        byte[] response = await connection.ReceiveBytesAsync<TIO>(MaxHandshakeMessage, deadline, cancellationToken).ConfigureAwait(false);
        try
        {
            ChallengeDigest.Verify(authkey, challenge, response);
        }
        catch (AuthenticationFailedException)
        {
            try
            {
                await connection.SendFrameAsync<TIO>(s_failure, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The peer is gone already; the authentication error is what the caller must see.
            }

            throw;
        }

        await connection.SendFrameAsync<TIO>(s_welcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Python's <c>answer_challenge</c>: either form of challenge, answered in the same form.</summary>
    private static async ValueTask AnswerChallengeAsync<TIO>(Connection connection, byte[] authkey, long deadline, CancellationToken cancellationToken)
        where TIO : IConnectionIO
    {
        byte[] message = await connection.ReceiveBytesAsync<TIO>(MaxHandshakeMessage, deadline, cancellationToken).ConfigureAwait(false);
        if (!message.AsSpan().StartsWith(s_challenge))
        {
            ThrowHelper.ThrowProtocolErrorExpectedChallengeCHALLENGEGot(message.Length);
        }

        ReadOnlyMemory<byte> challenge = message.AsMemory(s_challenge.Length);
        if (challenge.Length < ChallengeDigest.LegacyChallengeLength)
        {
            ThrowHelper.ThrowChallengeTooShortBytes(challenge.Length);
        }

        byte[] response = ChallengeDigest.CreateResponse(authkey, challenge.Span);
        await connection.SendFrameAsync<TIO>(response, cancellationToken).ConfigureAwait(false);
        byte[] verdict = await connection.ReceiveBytesAsync<TIO>(MaxHandshakeMessage, deadline, cancellationToken).ConfigureAwait(false);
        if (!verdict.AsSpan().SequenceEqual(s_welcome))
        {
            ThrowHelper.ThrowDigestSentRejectedPeerUsesDifferent();
        }
    }
}
