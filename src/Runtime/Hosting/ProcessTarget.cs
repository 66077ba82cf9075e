using System.ComponentModel;
using System.Diagnostics;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// Identifies a <c>[ProcessTarget]</c> method: its stable id, schema hash and display name. The generator
/// creates one per target as <c>Targets.&lt;Method&gt;</c>.
/// </summary>
[DebuggerDisplay("{Name,nq} ({Id})")]
public abstract class ProcessTargetInfo
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="schemaHash">The hash of the parameter and return type shapes.</param>
    /// <param name="name">The display name.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected ProcessTargetInfo(ulong id, ulong schemaHash, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Id = id;
        SchemaHash = schemaHash;
        Name = name;
    }

    /// <summary>The stable id: a 64-bit FNV-1a hash of the method's documentation-comment id.</summary>
    public ulong Id { get; }

    /// <summary>A hash of the parameter and return type shapes, checked in the child.</summary>
    public ulong SchemaHash { get; }

    /// <summary>The display name, <c>Namespace.Type.Method</c>.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// A typed descriptor of a <c>[ProcessTarget]</c> method, generated as <c>Targets.&lt;Method&gt;</c>: what a
/// pool or <see cref="Process.Create{TArgs, TResult}"/> takes instead of a delegate or a string. Several
/// parameters travel as one tuple <typeparamref name="TArgs"/>; no parameters as <see cref="ValueTuple"/>; a
/// <see langword="void"/> target has <typeparamref name="TResult"/> = <see cref="ValueTuple"/>.
/// </summary>
/// <typeparam name="TArgs">The argument (or argument tuple) type.</typeparam>
/// <typeparam name="TResult">The return type.</typeparam>
public sealed class ProcessTarget<TArgs, TResult> : ProcessTargetInfo
{
    /// <summary>Creates the descriptor; called by generated code.</summary>
    /// <param name="id">The stable id.</param>
    /// <param name="schemaHash">The hash of the parameter and return type shapes.</param>
    /// <param name="name">The display name.</param>
    /// <param name="writeArguments">Encodes the arguments.</param>
    /// <param name="readResult">Decodes the result.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ProcessTarget(ulong id, ulong schemaHash, string name, WireWrite<TArgs> writeArguments, WireRead<TResult> readResult)
        : base(id, schemaHash, name)
    {
        ArgumentNullException.ThrowIfNull(writeArguments);
        ArgumentNullException.ThrowIfNull(readResult);
        WriteArguments = writeArguments;
        ReadResult = readResult;
    }

    /// <summary>Encodes the arguments.</summary>
    public WireWrite<TArgs> WriteArguments { get; }

    /// <summary>Decodes the result.</summary>
    public WireRead<TResult> ReadResult { get; }
}
