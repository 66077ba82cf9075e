namespace Multiproc.Generators.Model;

/// <summary>One parameter of a process target.</summary>
/// <param name="Name">The parameter name, escaped if it is a keyword.</param>
/// <param name="DeclaredType">The declared type as written in a signature (<c>global::</c>, nullable annotations kept).</param>
/// <param name="Type">The type's codec.</param>
/// <param name="DefaultValue">The default value as a C# constant expression, repeated on <c>Spawn.X</c>; null when the parameter has none.</param>
internal sealed record ParameterModel(string Name, string DeclaredType, TypeRefModel Type, string? DefaultValue);
