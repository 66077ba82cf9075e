using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Multiproc.Generators.Parsing;

/// <summary>Writes a parameter's default value as a C# constant expression, so that <c>Spawn.X</c> keeps the target's optional parameters.</summary>
internal static class DefaultValues
{
    /// <summary>The default of <paramref name="parameter"/>, or null when it has none.</summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>A constant expression valid for the parameter's type.</returns>
    public static string? Format(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        object? value = parameter.ExplicitDefaultValue;
        ITypeSymbol type = parameter.Type;
        if (value is null)
        {
            return "default";
        }

        string typeName = TypeNames.Key(type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T ? ((INamedTypeSymbol)type).TypeArguments[0] : type);
        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            float f => $"({typeName})({FormatFloating(f, f.ToString("R", CultureInfo.InvariantCulture) + "F")})",
            double d => $"({typeName})({FormatFloating(d, d.ToString("R", CultureInfo.InvariantCulture) + "D")})",
            decimal m => $"({typeName})({m.ToString(CultureInfo.InvariantCulture)}M)",
            IFormattable number => $"({typeName})({number.ToString(null, CultureInfo.InvariantCulture)}{Suffix(value)})",
            _ => "default",
        };
    }

    private static string FormatFloating(double value, string literal) =>
        double.IsNaN(value) ? "global::System.Double.NaN"
        : double.IsPositiveInfinity(value) ? "global::System.Double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "global::System.Double.NegativeInfinity"
        : literal;

    private static string Suffix(object value) => value switch
    {
        ulong => "UL",
        long => "L",
        uint => "U",
        _ => string.Empty,
    };
}
