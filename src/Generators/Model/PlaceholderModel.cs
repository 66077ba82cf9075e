using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Model;

/// <summary>
/// A <c>Spawn.X</c>/<c>Targets.X</c> pair for a name whose target the generator skipped (invalid, or sharing
/// its name): members marked <c>[Obsolete(error: true)]</c> that point at the analyzer's diagnostic, so that
/// each call site gets one error naming the rule rather than <c>CS0103</c>/<c>CS0117</c>.
/// </summary>
/// <param name="Namespace">The namespace of <c>Spawn</c>/<c>Targets</c>; empty for the global namespace.</param>
/// <param name="MethodName">The member name, escaped if it is a keyword.</param>
/// <param name="Message">The obsolete message: which target, and which rule says why.</param>
/// <param name="Parameters">The starter's parameters as declarations (<c>int x</c>); empty with <paramref name="AnyArguments"/>.</param>
/// <param name="AnyArguments">True when the starter takes <c>params object?[]</c> (several targets share the name).</param>
/// <param name="ArgumentsType">The descriptor's <c>TArgs</c>.</param>
/// <param name="ResultType">The descriptor's <c>TResult</c>.</param>
/// <param name="HintName">The generated file's name.</param>
internal sealed record PlaceholderModel(
    string Namespace,
    string MethodName,
    string Message,
    EquatableArray<string> Parameters,
    bool AnyArguments,
    string ArgumentsType,
    string ResultType,
    string HintName)
{
    /// <summary>Whether the namespace's <c>Spawn</c>/<c>Targets</c> classes are public (every part must agree).</summary>
    public bool ClassesArePublic { get; init; }
}
