using Microsoft.CodeAnalysis.Text;

namespace Multiproc.Analyzers.Tests.Infrastructure;

/// <summary>An expected diagnostic: its id and the span it covers in the clean source.</summary>
internal readonly record struct ExpectedDiagnostic(string Id, TextSpan Span)
{
    public override string ToString() => $"{Id}@{Span}";
}

/// <summary>
/// Parses <c>{|MP0001:text|}</c> markup (nesting allowed) into the clean source and the expected
/// diagnostics, with spans in the clean source.
/// </summary>
internal static class Markup
{
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new System.Text.StringBuilder(markup.Length);
        var open = new Stack<(string Id, int Start)>();
        var expected = new List<ExpectedDiagnostic>();
        for (int i = 0; i < markup.Length;)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"markup '{{|' at {i} has no ':'");
                }

                open.Push((markup[(i + 2)..colon], source.Length));
                i = colon + 1;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                (string id, int start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new FormatException($"markup '{{|{open.Peek().Id}:' is never closed");
        }

        return (source.ToString(), expected);
    }
}
