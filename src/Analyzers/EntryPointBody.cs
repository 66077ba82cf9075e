using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Multiproc.Analyzers;

/// <summary>
/// The statements of an entry point, seen the same way by the analyzer and the fixer: the body of a
/// <c>Main</c> method, or the top-level statements of a compilation unit.
/// </summary>
internal sealed class EntryPointBody
{
    private EntryPointBody(SyntaxNode declaration, IReadOnlyList<StatementSyntax> statements, Location location)
    {
        Declaration = declaration;
        Statements = statements;
        Location = location;
    }

    /// <summary>The <see cref="MethodDeclarationSyntax"/> or <see cref="CompilationUnitSyntax"/>.</summary>
    public SyntaxNode Declaration { get; }

    /// <summary>Whether the entry point is made of top-level statements.</summary>
    public bool IsTopLevel => Declaration is CompilationUnitSyntax;

    /// <summary>The statements, in order; empty for an expression-bodied <c>Main</c>.</summary>
    public IReadOnlyList<StatementSyntax> Statements { get; }

    /// <summary>
    /// Where MP0001 is reported: the <c>Main</c> identifier, or the first top-level statement that is not a
    /// local function (the first one if all are).
    /// </summary>
    public Location Location { get; }

    /// <summary>The first statement that is not a local function declaration, if any.</summary>
    public StatementSyntax? FirstExecutableStatement =>
        Statements.FirstOrDefault(static s => s is not LocalFunctionStatementSyntax);

    /// <summary>The body of <paramref name="declaration"/>, or null if it is neither a method nor a compilation unit with statements.</summary>
    public static EntryPointBody? TryGet(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case MethodDeclarationSyntax method:
                IReadOnlyList<StatementSyntax> statements = method.Body?.Statements ?? (IReadOnlyList<StatementSyntax>)[];
                return new EntryPointBody(method, statements, method.Identifier.GetLocation());
            case CompilationUnitSyntax unit:
                StatementSyntax[] global = unit.Members.OfType<GlobalStatementSyntax>().Select(static g => g.Statement).ToArray();
                if (global.Length == 0)
                {
                    return null;
                }

                StatementSyntax reported = global.FirstOrDefault(static s => s is not LocalFunctionStatementSyntax) ?? global[0];
                return new EntryPointBody(unit, global, reported.GetLocation());
            default:
                return null;
        }
    }
}
