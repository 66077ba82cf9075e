using System.ComponentModel;

namespace Multiproc.Hosting;

/// <summary>
/// Emitted by the generator into an assembly that declares process targets: names the generated table
/// class (with a public static <c>Register()</c> method) so that the generator, when it runs on a
/// program that references this assembly, links the table with a direct call instead of a run-time lookup.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ProcessTargetTableAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="tableType">The generated table class.</param>
    public ProcessTargetTableAttribute(Type tableType) => TableType = tableType;

    /// <summary>The generated table class.</summary>
    public Type TableType { get; }
}
