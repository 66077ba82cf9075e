using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Generators.Parsing;

/// <summary>
/// The canonical text a target's schema hash is computed from: parameter and result shapes, recursively,
/// with member names and types of user types and enum members, so that a child built from different
/// types refuses the start. The grammar is documented in <c>docs/wire-format.md</c>.
/// </summary>
internal static class SchemaText
{
    /// <summary>Describes a target: <c>(param;param)->result</c>, <c>void</c> when there is no result.</summary>
    /// <param name="method">The target.</param>
    /// <param name="compilation">The compilation.</param>
    /// <returns>The canonical text.</returns>
    public static string Describe(IMethodSymbol method, Compilation compilation)
    {
        var builder = new StringBuilder("(");
        var visited = new HashSet<string>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(';');
            }

            Append(builder, method.Parameters[i].Type, compilation, visited);
        }

        builder.Append(")->");
        if (ProcessTargetRules.GetResultType(method) is { } result)
        {
            Append(builder, result, compilation, visited);
        }
        else
        {
            builder.Append("void");
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ITypeSymbol type, Compilation compilation, HashSet<string> visited)
    {
        SerializableKind kind = ProcessTargetRules.Classify(type, compilation);
        string key = TypeNames.Key(type);
        switch (kind)
        {
            case SerializableKind.Enum:
                var named = (INamedTypeSymbol)type;
                builder.Append("enum ").Append(key).Append(':').Append(TypeNames.Key(named.EnumUnderlyingType!)).Append('{');
                foreach (ISymbol member in named.GetMembers())
                {
                    if (member is IFieldSymbol { HasConstantValue: true } field)
                    {
                        builder.Append(field.Name).Append('=').Append(System.Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture)).Append(',');
                    }
                }

                builder.Append('}');
                return;
            case SerializableKind.Object:
                if (!visited.Add(key))
                {
                    builder.Append("ref ").Append(key);
                    return;
                }

                builder.Append("object ").Append(key).Append('{');
                foreach (ISymbol member in ProcessTargetRules.GetSerializableMembers((INamedTypeSymbol)type))
                {
                    builder.Append(member.Name).Append(':');
                    Append(builder, ProcessTargetRules.GetMemberType(member), compilation, visited);
                    builder.Append(';');
                }

                builder.Append('}');
                return;
            case SerializableKind.WireSerializable:
                builder.Append("custom ").Append(key);
                IReadOnlyList<ITypeSymbol> payloads = ProcessTargetRules.GetPayloadTypes(type, compilation);
                if (payloads.Count > 0)
                {
                    builder.Append('<');
                    for (int i = 0; i < payloads.Count; i++)
                    {
                        builder.Append(i > 0 ? "," : string.Empty);
                        Append(builder, payloads[i], compilation, visited);
                    }

                    builder.Append('>');
                }

                return;
            case SerializableKind.Nullable:
            case SerializableKind.Array:
            case SerializableKind.UnmanagedArray:
            case SerializableKind.List:
            case SerializableKind.HashSet:
            case SerializableKind.Dictionary:
            case SerializableKind.ValueTuple:
            case SerializableKind.Tuple:
                builder.Append(kind.ToString().ToLowerInvariant()).Append('<');
                bool first = true;
                foreach (ITypeSymbol element in ProcessTargetRules.GetElementTypes(type, kind))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    Append(builder, element, compilation, visited);
                }

                builder.Append('>');
                return;
            default:
                builder.Append(key);
                return;
        }
    }
}
