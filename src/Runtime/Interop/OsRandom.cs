using System.Runtime.InteropServices;

namespace Multiproc.Interop;

/// <summary>
/// Random bytes straight from the kernel (<c>getrandom(2)</c>, the same pool as <c>/dev/urandom</c>), for
/// segment names and the child's start token. <c>RandomNumberGenerator</c> would do, but on Linux its first
/// use loads OpenSSL (libssl, libcrypto, openssl.cnf): about 25 ms measured on the first
/// <c>SharedMemory.Create</c> and the first process start, for a few bytes.
/// </summary>
internal static unsafe class OsRandom
{
    /// <summary>Fills <paramref name="buffer"/> with cryptographically strong random bytes.</summary>
    public static void Fill(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                nint n = Libc.GetRandom(p + done, (nuint)(buffer.Length - done), 0);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EINTR)
                    {
                        continue;
                    }

                    ThrowHelper.ThrowGetrandomFailedErrno(errno);
                }

                done += (int)n;
            }
        }
    }

    /// <summary>A new array of <paramref name="length"/> random bytes.</summary>
    public static byte[] GetBytes(int length)
    {
        byte[] bytes = new byte[length];
        Fill(bytes);
        return bytes;
    }
}
