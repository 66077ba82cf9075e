// The classic BaseManager example, a task master and task workers: the master serves a task queue and a result queue
// on a TCP port with the authkey "abc", puts 10 random numbers and reads 10 results; workers — started as separate
// programs, on this machine or another — connect, square the numbers and put the results back.
//
//   dotnet run --project samples/DistributedMasterWorker -- master [port]          (default port 5000)
//   dotnet run --project samples/DistributedMasterWorker -- worker [host] [port]   (default 127.0.0.1 5000)
using System.Globalization;
using System.Net;
using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode; // The master's manager server runs here, in a child of the master.
}

byte[] authKey = "abc"u8.ToArray();
return args switch
{
    ["master"] => Master(5000),
    ["master", string port] when TryPort(port, out int p) => Master(p),
    ["worker"] => Worker("127.0.0.1", 5000),
    ["worker", string host] => Worker(host, 5000),
    ["worker", string host, string port] when TryPort(port, out int p) => Worker(host, p),
    _ => Usage(),
};

int Master(int port)
{
    // Listens on every address, so that workers on other machines can connect.
    using var manager = new BaseManager(new IPEndPoint(IPAddress.Any, port), authKey);
    manager.Register<QueueProxy<int>>("get_task_queue");
    manager.Register<QueueProxy<string>>("get_result_queue");
    manager.Start();
    Console.WriteLine($"Master listening on port {((IPEndPoint)manager.Address!).Port}.");

    using QueueProxy<int> tasks = manager.Get<QueueProxy<int>>("get_task_queue");
    using QueueProxy<string> results = manager.Get<QueueProxy<string>>("get_result_queue");
    for (int i = 0; i < 10; i++)
    {
        int n = Random.Shared.Next(10000);
        Console.WriteLine($"Put task {n}...");
        tasks.Put(n);
    }

    Console.WriteLine("Try get results...");
    for (int i = 0; i < 10; i++)
    {
        string result = results.Get(TimeSpan.FromSeconds(10));
        Console.WriteLine($"Result: {result}");
    }

    manager.Shutdown();
    Console.WriteLine("master exit.");
    return 0;
}

int Worker(string host, int port)
{
    Console.WriteLine($"Connect to server {host}:{port}...");
    EndPoint address = IPAddress.TryParse(host, out IPAddress? ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
    using var manager = new BaseManager(address, authKey);
    manager.Register<QueueProxy<int>>("get_task_queue");
    manager.Register<QueueProxy<string>>("get_result_queue");
    manager.Connect();

    using QueueProxy<int> tasks = manager.Get<QueueProxy<int>>("get_task_queue");
    using QueueProxy<string> results = manager.Get<QueueProxy<string>>("get_result_queue");
    try
    {
        while (tasks.TryGet(out int n, TimeSpan.FromSeconds(1)))
        {
            Console.WriteLine($"run task {n} * {n}...");
            results.Put($"{n} * {n} = {n * n}");
        }

        Console.WriteLine("task queue is empty.");
    }
    catch (ManagerUnavailableException)
    {
        // The master had every result and shut its manager down while this worker waited for more.
        Console.WriteLine("the master has shut down.");
    }

    Console.WriteLine("worker exit.");
    return 0;
}

static bool TryPort(string text, out int port) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;

static int Usage()
{
    Console.Error.WriteLine("usage: DistributedMasterWorker master [port] | worker [host] [port]   (defaults: port 5000, host 127.0.0.1)");
    return 2;
}
