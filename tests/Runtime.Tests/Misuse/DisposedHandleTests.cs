using System.Reflection;
using Multiproc.Tests.Infrastructure;
using Multiproc.Tests.Targets;

namespace Multiproc.Tests.Misuse;

/// <summary>
/// Every public member of every disposable handle, used after Dispose, throws ObjectDisposedException (Python:
/// "handle is closed") instead of reading unmapped memory, crashing or answering wrongly. Members are found by
/// reflection here, in the test, so that a member added later is walked too.
/// </summary>
public sealed class DisposedHandleTests : ChildProcessTest
{
    /// <summary>Members that must keep working on a closed handle: closing again, and describing it.</summary>
    private static readonly HashSet<string> Exempt = ["Close", "Dispose", "ToString", "GetType", "Equals", "GetHashCode", "get_Closed", "get_IsClosed"];

    public static TheoryData<string> Handles() => [.. Factories().Keys];

    [Theory]
    [MemberData(nameof(Handles))]
    public void EveryMemberOfADisposedHandle_ThrowsObjectDisposedException(string handle)
    {
        IDisposable disposed = Factories()[handle]();
        disposed.Dispose();
        AssertEveryMemberThrowsObjectDisposed(handle, disposed);
    }

    /// <summary>Manager proxies, disposed while their manager still serves: the same walk.</summary>
    [Fact]
    public void EveryMemberOfADisposedManagerProxy_ThrowsObjectDisposedException()
    {
        using SyncManager manager = Multiprocessing.Manager();
        var proxies = new Dictionary<string, IDisposable>
        {
            ["ListProxy"] = manager.List<int>(),
            ["DictProxy"] = manager.Dict<int, int>(),
            ["QueueProxy"] = manager.Queue<int>(),
            ["JoinableQueueProxy"] = manager.JoinableQueue<int>(),
            ["ValueProxy"] = manager.Value(1),
            ["LockProxy"] = manager.Lock(),
            ["EventProxy"] = manager.Event(),
            ["SemaphoreProxy"] = manager.Semaphore(1),
            ["NamespaceProxy"] = manager.Namespace(),
        };
        foreach ((string name, IDisposable proxy) in proxies)
        {
            proxy.Dispose();
            AssertEveryMemberThrowsObjectDisposed(name, proxy);
        }
    }

    private static void AssertEveryMemberThrowsObjectDisposed(string handle, IDisposable disposed)
    {
        var failures = new List<string>();
        int walked = 0;
        foreach (MethodInfo method in disposed.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Exempt.Contains(method.Name) || method.DeclaringType == typeof(object) || IsPythonLifecycle(disposed, method.Name))
            {
                continue;
            }

            // Span-based overloads cannot be called through reflection; their array-based twins are walked.
            if (method.ReturnType.IsByRefLike || method.GetParameters().Any(p => p.ParameterType.IsByRefLike || p.ParameterType.IsByRef))
            {
                continue;
            }

            walked++;
            MethodInfo callable = method.IsGenericMethodDefinition ? Close(method) : method;
            Exception? thrown = Invoke(disposed, callable);
            if (thrown is not ObjectDisposedException)
            {
                failures.Add($"{Describe(callable)}: {(thrown is null ? "returned normally" : thrown.GetType().Name + ": " + thrown.Message)}");
            }
        }

        Assert.True(walked > 0);
        Assert.True(failures.Count == 0, $"{handle} after Dispose:\n{string.Join("\n", failures)}");
        Assert.NotNull(disposed.ToString()); // describing a closed handle still works
    }

    [Theory]
    [MemberData(nameof(Handles))]
    public void EveryHandle_DescribesItself_OpenAndClosed(string handle)
    {
        IDisposable h = Factories()[handle]();
        string kind = h.GetType().Name.Split('`')[0];
        string open = h.ToString()!;
        Assert.Contains(kind, open);
        Assert.NotEqual(h.GetType().FullName, open); // more than object.ToString()'s type name
        Assert.Matches(@"[=(']", open); // some state or identity: a name, a pid, a value, an address
        h.Dispose();
        string closed = h.ToString()!;
        Assert.Contains(kind, closed);
    }

    [Fact]
    public void ALock_HeldByAChild_NamesTheChildAsOwner()
    {
        using var held = new ProcessLock();
        using var acquired = new ProcessEvent();
        using var release = new ProcessEvent();
        Assert.Contains("owner=None", held.ToString());
        Process<bool> child = Spawn.HoldLockUntilReleased(held, acquired, release);
        Assert.True(acquired.Wait(Patience));
        Assert.Contains($"owner=pid {child.Pid}", held.ToString());
        Assert.Contains("(set)", acquired.ToString());
        release.Set();
        Assert.True(child.GetResult());
        held.Dispose();
        Assert.EndsWith("closed>", held.ToString());
    }

    private static Dictionary<string, Func<IDisposable>> Factories() => new()
    {
        ["ProcessQueue"] = () => new ProcessQueue<int>(3),
        ["JoinableProcessQueue"] = () => new JoinableProcessQueue<int>(),
        ["SimpleProcessQueue"] = () => new SimpleProcessQueue<int>(),
        ["ProcessLock"] = () => new ProcessLock(),
        ["ProcessRLock"] = () => new ProcessRLock(),
        ["ProcessSemaphore"] = () => new ProcessSemaphore(2),
        ["ProcessBoundedSemaphore"] = () => new ProcessBoundedSemaphore(2),
        ["ProcessEvent"] = () => new ProcessEvent(),
        ["ProcessCondition"] = () => new ProcessCondition(),
        ["ProcessBarrier"] = () => new ProcessBarrier(2),
        ["SharedValue"] = () => new SharedValue<int>(1),
        ["SharedArray"] = () => new SharedArray<int>(4),
        ["SharedMemory"] = () => SharedMemory.Create(4096),
        ["ShareableList"] = () => new ShareableList([1, "two", 3.0]),
        ["Connection"] = () =>
        {
            (Connection a, Connection b) = Multiprocessing.Pipe();
            b.Dispose();
            return a;
        },
        ["Listener"] = () => new Listener(),
        ["Pool"] = () => new Pool(1),
        ["SyncManager"] = () => Multiprocessing.Manager(),
        ["Process"] = () =>
        {
            Process p = Spawn.Noop();
            p.Join();
            return p;
        },
    };

    /// <summary>
    /// Members that keep working after close because Python's counterpart does and its idioms rely on it:
    /// a process's name; <c>shm.close(); shm.unlink()</c> and a segment's name and size; <c>pool.terminate();
    /// pool.join()</c>; a ShareableList's name and block (<c>sl.shm</c>); a proxy's identity (<c>_id</c>, <c>_address</c>); a manager's address, authkey and
    /// process, and <c>shutdown()</c> again.
    /// </summary>
    private static bool IsPythonLifecycle(object handle, string member) => handle switch
    {
        Process => member is "get_Name" or "set_Name",
        SharedMemory => member is "Unlink" or "get_Name" or "get_Size" or "get_IsCreator",
        ShareableList => member is "get_Name" or "get_SharedMemory",
        BaseProxy => member is "get_Id" or "get_ManagerAddress" or "get_Reference" or "get_IsDisposed",
        BaseManager => member is "get_Address" or "get_AuthKey" or "get_ServerProcess" or "Shutdown" or "DisposeAsync",
        Pool => member is "Terminate" or "Join" or "JoinAsync",
        _ => false,
    };

    /// <summary>Closes a generic method over int, or over a tuple or a manager proxy where a constraint asks for one.</summary>
    private static MethodInfo Close(MethodInfo method)
    {
        foreach (Type candidate in new[] { typeof(int), typeof(ValueTuple<int, int>), typeof(ListProxy<int>) })
        {
            try
            {
                return method.MakeGenericMethod(method.GetGenericArguments().Select(_ => candidate).ToArray());
            }
            catch (ArgumentException)
            {
            }
        }

        throw new InvalidOperationException($"no type arguments fit {method}");
    }

    private static Exception? Invoke(object target, MethodInfo method)
    {
        try
        {
            object? result = method.Invoke(target, method.GetParameters().Select(Argument).ToArray());
            if (result is not null && result.GetType().IsGenericType && result.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>))
            {
                result = result.GetType().GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null);
            }

            switch (result)
            {
                case Task task:
                    task.Wait(TimeSpan.FromSeconds(30));
                    break;
                case ValueTask valueTask:
                    valueTask.AsTask().Wait(TimeSpan.FromSeconds(30));
                    break;
            }

            return null;
        }
        catch (TargetInvocationException e)
        {
            return Unwrap(e.InnerException!);
        }
        catch (AggregateException e)
        {
            return Unwrap(e.InnerException!);
        }
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerException: { } inner } ? Unwrap(inner) : e;

    /// <summary>A harmless, valid argument of each parameter type, so that only the closed handle can fail the call.</summary>
    private static object? Argument(ParameterInfo parameter)
    {
        Type type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) || type == typeof(double) => Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture),
            _ when type == typeof(bool) => true,
            _ when type == typeof(string) => "x",
            _ when type == typeof(TimeSpan) => TimeSpan.FromMilliseconds(1),
            _ when type == typeof(CancellationToken) => CancellationToken.None,
            _ when type.IsArray => Array.CreateInstance(type.GetElementType()!, 4),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>) => Array.CreateInstance(type.GetGenericArguments()[0], 0),
            _ when type == typeof(Func<bool>) => (Func<bool>)(() => true),
            _ when type == typeof(Action) => (Action)(() => { }),
            _ when type.IsValueType => Activator.CreateInstance(type),
            _ => null,
        };
    }

    private static string Describe(MethodInfo method) =>
        $"{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";
}
