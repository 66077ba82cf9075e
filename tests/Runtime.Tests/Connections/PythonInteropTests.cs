using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Multiproc.Tests.Connections;

/// <summary>
/// Bytes messages and the authentication handshake against real CPython: 3.11 speaks the legacy HMAC-MD5 form,
/// 3.12 and 3.13 the <c>{sha256}</c> form. Each test skips, saying why, where its interpreter is absent.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly byte[] Key = "interop authkey"u8.ToArray();
    private static readonly byte[] WrongKey = "not the authkey"u8.ToArray();
    private static readonly string KeyHex = Convert.ToHexString(Key);
    private readonly string _directory = Directory.CreateTempSubdirectory("mp-py-").FullName;

    public void Dispose()
    {
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
        Directory.Delete(_directory);
    }

    [PythonFact("3.11")] public Task Py311_Listener_AcceptsOurClient_Unix() => PythonListenerAcceptsOurClientAsync("3.11", tcp: false, useAsync: false);
    [PythonFact("3.12")] public Task Py312_Listener_AcceptsOurClient_Unix() => PythonListenerAcceptsOurClientAsync("3.12", tcp: false, useAsync: false);
    [PythonFact("3.13")] public Task Py313_Listener_AcceptsOurClient_Unix() => PythonListenerAcceptsOurClientAsync("3.13", tcp: false, useAsync: false);

    [PythonFact("3.11")] public Task Py311_Listener_AcceptsOurAsyncClient_Tcp() => PythonListenerAcceptsOurClientAsync("3.11", tcp: true, useAsync: true);
    [PythonFact("3.12")] public Task Py312_Listener_AcceptsOurAsyncClient_Tcp() => PythonListenerAcceptsOurClientAsync("3.12", tcp: true, useAsync: true);
    [PythonFact("3.13")] public Task Py313_Listener_AcceptsOurAsyncClient_Tcp() => PythonListenerAcceptsOurClientAsync("3.13", tcp: true, useAsync: true);

    [PythonFact("3.11")] public Task Py311_Client_IsAcceptedByOurListener_Unix() => OurListenerAcceptsPythonClientAsync("3.11", tcp: false, useAsync: false);
    [PythonFact("3.12")] public Task Py312_Client_IsAcceptedByOurListener_Unix() => OurListenerAcceptsPythonClientAsync("3.12", tcp: false, useAsync: false);
    [PythonFact("3.13")] public Task Py313_Client_IsAcceptedByOurListener_Unix() => OurListenerAcceptsPythonClientAsync("3.13", tcp: false, useAsync: false);

    [PythonFact("3.11")] public Task Py311_Client_IsAcceptedByOurAsyncListener_Tcp() => OurListenerAcceptsPythonClientAsync("3.11", tcp: true, useAsync: true);
    [PythonFact("3.12")] public Task Py312_Client_IsAcceptedByOurAsyncListener_Tcp() => OurListenerAcceptsPythonClientAsync("3.12", tcp: true, useAsync: true);
    [PythonFact("3.13")] public Task Py313_Client_IsAcceptedByOurAsyncListener_Tcp() => OurListenerAcceptsPythonClientAsync("3.13", tcp: true, useAsync: true);

    [PythonFact("3.11")] public Task Py311_Listener_WrongKey_FailsOnBothSides() => PythonListenerRejectsWrongKeyAsync("3.11");
    [PythonFact("3.12")] public Task Py312_Listener_WrongKey_FailsOnBothSides() => PythonListenerRejectsWrongKeyAsync("3.12");
    [PythonFact("3.13")] public Task Py313_Listener_WrongKey_FailsOnBothSides() => PythonListenerRejectsWrongKeyAsync("3.13");

    [PythonFact("3.11")] public Task Py311_Client_WrongKey_FailsOnBothSides() => OurListenerRejectsWrongKeyAsync("3.11");
    [PythonFact("3.12")] public Task Py312_Client_WrongKey_FailsOnBothSides() => OurListenerRejectsWrongKeyAsync("3.12");
    [PythonFact("3.13")] public Task Py313_Client_WrongKey_FailsOnBothSides() => OurListenerRejectsWrongKeyAsync("3.13");

    [PythonFact("3.12")]
    public async Task Py312_Listener_WithoutAuthkey_ExchangesBytes()
    {
        using PythonScript python = PythonInterpreter.Start("3.12", "py_listener.py", "AF_INET", "-", "-");
        int port = int.Parse(await python.ReadLineAsync());
        using (Connection client = Multiprocessing.Client(new IPEndPoint(IPAddress.Loopback, port)))
        {
            client.SendBytes("no key"u8);
            Assert.Equal("py:no key"u8.ToArray(), client.RecvBytes());
        }

        await AssertEndedAsync(python, 0, "DONE");
    }

    [Fact]
    public void MissingInterpreter_GivesASkipReasonNamingTheVersion()
    {
        Assert.Null(PythonInterpreter.Find("9.99"));
        Assert.Contains("Python 9.99 is not installed", PythonInterpreter.SkipReason("9.99"));
    }

    private async Task PythonListenerAcceptsOurClientAsync(string version, bool tcp, bool useAsync)
    {
        string path = Path.Combine(_directory, "python.sock");
        using PythonScript python = PythonInterpreter.Start(version, "py_listener.py", tcp ? "AF_INET" : "AF_UNIX", path, KeyHex);
        string address = await python.ReadLineAsync();
        EndPoint endpoint = tcp ? new IPEndPoint(IPAddress.Loopback, int.Parse(address)) : new UnixDomainSocketEndPoint(address);

        using (Connection client = useAsync ? await Multiprocessing.ClientAsync(endpoint, Key) : Multiprocessing.Client(endpoint, Key))
        {
            foreach (byte[] message in Messages())
            {
                byte[] answer;
                if (useAsync)
                {
                    await client.SendBytesAsync(message);
                    answer = await client.RecvBytesAsync();
                }
                else
                {
                    client.SendBytes(message);
                    answer = client.RecvBytes();
                }

                Assert.Equal([.. "py:"u8, .. message], answer);
            }
        }

        await AssertEndedAsync(python, 0, "DONE");
    }

    private async Task OurListenerAcceptsPythonClientAsync(string version, bool tcp, bool useAsync)
    {
        using Listener listener = tcp ? Listener.Tcp(authKey: Key) : Listener.Unix(Path.Combine(_directory, "ours.sock"), Key);
        string where = tcp ? ((IPEndPoint)listener.Address).Port.ToString() : listener.Address.ToString()!;
        using PythonScript python = PythonInterpreter.Start(version, "py_client.py", tcp ? "AF_INET" : "AF_UNIX", where, KeyHex);

        using (Connection server = await (useAsync ? listener.AcceptAsync() : Task.Run(listener.Accept)).WaitAsync(Generous))
        {
            for (int i = 0; i < Messages().Length; i++)
            {
                byte[] message = useAsync ? await server.RecvBytesAsync() : server.RecvBytes();
                byte[] answer = [.. "dotnet:"u8, .. message];
                if (useAsync)
                {
                    await server.SendBytesAsync(answer);
                }
                else
                {
                    server.SendBytes(answer);
                }
            }
        }

        await AssertEndedAsync(python, 0, "OK");
    }

    private async Task PythonListenerRejectsWrongKeyAsync(string version)
    {
        string path = Path.Combine(_directory, "python.sock");
        using PythonScript python = PythonInterpreter.Start(version, "py_listener.py", "AF_UNIX", path, KeyHex);
        string address = await python.ReadLineAsync();
        var error = Assert.Throws<AuthenticationFailedException>(() => Multiprocessing.Client(address, WrongKey));
        Assert.Contains("rejected", error.Message);
        await AssertEndedAsync(python, 3, "AUTH_FAILED");
    }

    private async Task OurListenerRejectsWrongKeyAsync(string version)
    {
        using var listener = Listener.Unix(Path.Combine(_directory, "ours.sock"), Key);
        using PythonScript python = PythonInterpreter.Start(version, "py_client.py", "AF_UNIX", listener.Address.ToString()!, Convert.ToHexString(WrongKey));
        var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => Task.Run(listener.Accept).WaitAsync(Generous));
        Assert.Contains("failed authentication", error.Message);
        await AssertEndedAsync(python, 3, "AUTH_FAILED");
    }

    private static byte[][] Messages() =>
        ["hello from .NET"u8.ToArray(), [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7))], []];

    private static async Task AssertEndedAsync(PythonScript python, int expectedExitCode, string expectedOutput)
    {
        (int exitCode, string output) = await python.WaitForExitAsync();
        Assert.True(exitCode == expectedExitCode, $"Python exited with {exitCode}, expected {expectedExitCode}. Output:\n{output}");
        Assert.Contains(expectedOutput, output);
    }
}
