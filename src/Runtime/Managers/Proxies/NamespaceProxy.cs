using System.Diagnostics.CodeAnalysis;
using Multiproc.Managers;
using Multiproc.Managers.Served;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A bag of named values owned by a manager: Python's <c>NamespaceProxy</c> (<c>manager.Namespace()</c>), where
/// <c>ns.x = 1</c> is <c>ns.Set("x", 1)</c> and <c>ns.x</c> is <c>ns.Get&lt;int&gt;("x")</c>. Each value is read with the
/// type it was stored with.
/// </summary>
public sealed class NamespaceProxy : BaseProxy, IManagedProxy<NamespaceProxy>, IWireSerializable<NamespaceProxy>
{
    static NamespaceProxy() => WireSerializer<NamespaceProxy>.Register(WireSerializer<NamespaceProxy>.Create(Write, Read));

    private NamespaceProxy(ProxyReference reference)
        : base(reference, ManagedObjectKind.Namespace)
    {
    }

    /// <inheritdoc/>
    public static ManagedObjectKind Kind => ManagedObjectKind.Namespace;

    /// <summary>The names set, in the order they were first set (Python's <c>vars(ns)</c> keys).</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var reader = new WireReader(Invoke((int)DictMethod.Items));
            int count = reader.ReadCollectionHeader(8);
            var names = new List<string>(Math.Max(count, 0));
            for (int i = 0; i < count; i++)
            {
                names.Add(ProxyCodec<string>.ReadItem(ref reader));
                reader.ReadUnmanagedArray<byte>();
            }

            return names;
        }
    }

    /// <inheritdoc/>
    public static NamespaceProxy Attach(ProxyReference reference) => new(reference);

    /// <summary>Sets a named value (Python's <c>ns.name = value</c>).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    public void Set<T>(string name, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        WireWriter args = BeginArguments();
        ProxyCodec<string>.WriteItem(ref args, name);
        ProxyCodec<T>.WriteItem(ref args, value);
        Invoke((int)DictMethod.Set, ref args);
    }

    /// <summary>Reads a copy of a named value (Python's <c>ns.name</c>).</summary>
    /// <typeparam name="T">The type it was stored with.</typeparam>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No value has that name (Python's <c>AttributeError</c>).</exception>
    public T Get<T>(string name) =>
        TryGet(name, out T? value) ? value! : throw ThrowHelper.CreateNamespaceNoAttribute(name);

    /// <summary>Reads a copy of a named value if it is set.</summary>
    /// <typeparam name="T">The type it was stored with.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="value">The value, when set.</param>
    /// <returns>True when set.</returns>
    public bool TryGet<T>(string name, [MaybeNullWhen(false)] out T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        WireWriter args = BeginArguments();
        ProxyCodec<string>.WriteItem(ref args, name);
        var reader = new WireReader(Invoke((int)DictMethod.TryGet, ref args));
        if (!reader.ReadBoolean())
        {
            value = default;
            return false;
        }

        value = ProxyCodec<T>.ReadItem(ref reader);
        return true;
    }

    /// <summary>Removes a named value (Python's <c>del ns.name</c>).</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when it was set.</returns>
    public bool Remove(string name)
    {
        WireWriter args = BeginArguments();
        ProxyCodec<string>.WriteItem(ref args, name);
        return Invoke((int)DictMethod.Remove, ref args)[0] != 0;
    }

    /// <summary>Encodes a proxy (see <see cref="BaseProxy"/>); called by generated code.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The proxy.</param>
    public static void Write(ref WireWriter writer, NamespaceProxy value) => WriteProxy(ref writer, value);

    /// <summary>Decodes a proxy and takes a reference for this process; called by generated code.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The proxy.</returns>
    public static NamespaceProxy Read(ref WireReader reader) => ReadProxy(ref reader) is { } reference ? new NamespaceProxy(reference) : null!;
}
