using System.Reflection;
using Multiproc.Hosting;
using Multiproc.Serialization;
using Xunit;

namespace Multiproc.Generators.Tests.RoundTrip;

/// <summary>
/// The generated dispatch table, in process: the module initializer registered this assembly's invokers, and an
/// invoker decodes exactly what <c>Targets.X.WriteArguments</c> encodes. (The registry's lookup is internal to
/// the runtime; these tests reach it by reflection, which the product never does.)
/// </summary>
public sealed class DispatchTests
{
    [Fact]
    public void Invoker_DecodesArgumentsAndEncodesResult()
    {
        Assert.Equal(49, Invoke(Targets.Square, 7));
        Assert.Equal("job:3:Blue", Invoke(Targets.Describe, ("job", 3, Color.Blue)));
        Assert.Equal(42, Invoke(Targets.DoubleAsync, 21));
        Assert.Equal(default, Invoke(Targets.Nothing, default));
    }

    [Fact]
    public void Invoker_EchoesEveryKind()
    {
        Everything value = Samples.Full();

        Assert.Equivalent(value, Invoke(Targets.Echo, value), strict: true);
    }

    [Fact]
    public void SelfSerializingGenericType_GetsItsPayloadSerializersGenerated()
    {
        var channel = new Channel<Dictionary<Level, Job>>();
        channel.Items.Add(new() { [Level.Low] = new Job(1, "a", Color.Red, null), [Level.High] = new Job(2, "b", Color.Blue, null) });

        Assert.True(WireSerializer<Dictionary<Level, Job>>.IsRegistered);
        Assert.True(WireSerializer<Level>.IsRegistered);
        Assert.Equal(2, Invoke(Targets.Count, channel));
    }

    [Fact]
    public void Invoker_RejectsTrailingArgumentBytes()
    {
        ProcessTargetInvoker invoker = FindInvoker(Targets.Square.Id);
        byte[] arguments = [7, 0, 0, 0, 1];

        Assert.Throws<WireFormatException>(() =>
        {
            var reader = new WireReader(arguments);
            var writer = new WireWriter();
            try
            {
                invoker(ref reader, ref writer);
            }
            finally
            {
                writer.Dispose();
            }
        });
    }

    [Fact]
    public void Table_IsNamedByTheAssemblyAttribute()
    {
        var attribute = typeof(DispatchTests).Assembly.GetCustomAttribute<ProcessTargetTableAttribute>();

        Assert.NotNull(attribute);
        Assert.Equal("Multiproc.Generated.Multiproc_Generators_Tests.ProcessTargetTable", attribute.TableType.FullName);
        attribute.TableType.GetMethod("Register")!.Invoke(null, null); // idempotent
        Assert.Equal(49, Invoke(Targets.Square, 7));
    }

    private static TResult Invoke<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments)
    {
        byte[] encoded = RoundTripTests.Encode(target.WriteArguments, arguments);
        ProcessTargetInvoker invoker = FindInvoker(target.Id);
        var reader = new WireReader(encoded);
        var writer = new WireWriter();
        try
        {
            invoker(ref reader, ref writer);
            var resultReader = new WireReader(writer.WrittenSpan);
            TResult result = target.ReadResult(ref resultReader);
            resultReader.EnsureFullyConsumed();
            return result;
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static ProcessTargetInvoker FindInvoker(ulong id)
    {
        MethodInfo tryGet = typeof(TargetRegistry).GetMethod("TryGet", BindingFlags.NonPublic | BindingFlags.Static)!;
        object?[] arguments = [id, null];
        Assert.True((bool)tryGet.Invoke(null, arguments)!, $"Target 0x{id:X16} is not registered.");
        object entry = arguments[1]!;
        return (ProcessTargetInvoker)entry.GetType().GetProperty("Invoker")!.GetValue(entry)!;
    }
}
