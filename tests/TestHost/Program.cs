using Multiproc;

if (Multiprocessing.TryRunChild(out int exitCode))
{
    return exitCode;
}

Console.Error.WriteLine("Multiproc.TestHost runs test children; start it through Multiproc, not by hand.");
return 2;
