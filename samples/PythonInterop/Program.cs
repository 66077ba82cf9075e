// A C# client talking to a Python multiprocessing.connection.Listener.
//
// Start the Python side first (see python_listener.py in this folder):
//     python3 samples/PythonInterop/python_listener.py [port]
// then:
//     dotnet run --project samples/PythonInterop [port] [--quit]
//
// Bytes messages use CPython's framing (4-byte big-endian length), and the authkey handshake is the one
// Python's Client performs, so either side can be Python or .NET. Pass --quit to stop the Python listener.
using System.Net;
using System.Text;
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

int port = args.Length > 0 && int.TryParse(args[0], out int p) ? p : 6000;
bool quit = args.Contains("--quit");
byte[] authKey = "multiproc sample"u8.ToArray();

Connection connection;
try
{
    connection = Multiprocessing.Client(new IPEndPoint(IPAddress.Loopback, port), authKey);
}
catch (IOException e)
{
    Console.Error.WriteLine($"No Python listener on 127.0.0.1:{port} ({e.Message})");
    Console.Error.WriteLine("Start it first: python3 samples/PythonInterop/python_listener.py");
    return 1;
}
catch (AuthenticationFailedException e)
{
    Console.Error.WriteLine($"The listener refused our authkey: {e.Message}");
    return 1;
}

using (connection)
{
    foreach (string request in new[] { "hello from .NET", "add 20 22" })
    {
        connection.SendBytes(Encoding.UTF8.GetBytes(request));
        string answer = Encoding.UTF8.GetString(connection.RecvBytes());
        Console.WriteLine($"sent '{request}', Python answered '{answer}'");
    }

    // A larger message goes through the same way (Python sends its header apart above 16 KiB).
    byte[] large = new byte[100_000];
    Array.Fill(large, (byte)'x');
    connection.SendBytes(large);
    byte[] echoed = await connection.RecvBytesAsync();
    Console.WriteLine($"sent {large.Length} bytes, got {echoed.Length} back, all upper-case: {echoed.All(b => b == (byte)'X')}");

    if (quit)
    {
        connection.SendBytes("quit"u8);
    }
}

return 0;
