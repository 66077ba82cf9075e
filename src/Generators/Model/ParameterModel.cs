namespace Multiproc.Generators.Model;

/// <summary>One parameter of a process target.</summary>
/// <param name="Name">The parameter name, escaped if it is a keyword.</param>
/// <param name="DeclaredType">The declared type as written in a signature (<c>global::</c>, nullable annotations kept).</param>
/// <param name="Type">The type's codec.</param>
internal sealed record ParameterModel(string Name, string DeclaredType, TypeRefModel Type);
