using System;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Multiproc.Generators.Infrastructure;

/// <summary>
/// An indented text builder for generated C# (the shape of System.Text.Json's <c>SourceWriter</c>):
/// four spaces per level, multi-line strings re-indented line by line, <c>\n</c> line endings.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerIndent = 4;
    private readonly StringBuilder _builder = new();
    private int _indentation;

    /// <summary>The current indentation level.</summary>
    public int Indentation
    {
        get => _indentation;
        set
        {
            Debug.Assert(value >= 0, "Indentation cannot be negative.");
            _indentation = value;
        }
    }

    /// <summary>Writes <paramref name="text"/> at the current indentation and ends the line; each line of a multi-line text is indented.</summary>
    /// <param name="text">The text; empty for a blank line.</param>
    public void WriteLine(string text = "")
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return;
        }

        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length > 0)
            {
                _builder.Append(' ', _indentation * SpacesPerIndent).Append(line);
            }

            _builder.Append('\n');
        }
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        Indentation++;
    }

    /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
    /// <param name="suffix">Text after the brace, such as <c>;</c> or <c>)</c>.</param>
    public void CloseBlock(string suffix = "")
    {
        Indentation--;
        WriteLine("}" + suffix);
    }

    /// <summary>The finished text; the indentation must be back at zero.</summary>
    /// <returns>The source text, UTF-8.</returns>
    public SourceText ToSourceText()
    {
        Debug.Assert(_indentation == 0, "Unbalanced indentation in generated source.");
        return SourceText.From(_builder.ToString(), Encoding.UTF8);
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();
}
