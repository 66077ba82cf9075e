using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Multiproc.Analyzers.CodeFixes;

/// <summary>
/// How the inserted guard spells the names it uses at the entry point: <c>Multiprocessing</c> (adding
/// <c>using Multiproc;</c> when that is safe), <c>Environment</c>, <c>Task</c>, and a name for the exit-code
/// variable that no local of the entry point already has.
/// </summary>
internal sealed class GuardNames
{
    public GuardNames(SemanticModel model, SyntaxNode declaration, CancellationToken cancellationToken)
    {
        SyntaxNode anchor = declaration switch
        {
            MethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? (SyntaxNode?)method.ExpressionBody ?? method,
            CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().FirstOrDefault() ?? (SyntaxNode)unit,
            _ => declaration,
        };
        int position = anchor.SpanStart;

        Multiprocessing = "Multiprocessing";
        if (!Resolves(model, position, "Multiprocessing", MultiprocSymbols.MultiprocessingName))
        {
            if (UsingIsSafe(model, declaration.SyntaxTree.GetRoot(cancellationToken)))
            {
                NeedsUsing = true;
            }
            else
            {
                Multiprocessing = Qualify(model, position, "Multiproc", "Multiproc.Multiprocessing");
            }
        }

        Environment = Resolves(model, position, "Environment", "System.Environment")
            ? "Environment"
            : Qualify(model, position, "System", "System.Environment");
        Task = Resolves(model, position, "Task", "System.Threading.Tasks.Task")
            ? "Task"
            : Qualify(model, position, "System", "System.Threading.Tasks.Task");
        ExitCode = UniqueLocalName(declaration);
    }

    /// <summary>How to write <c>Multiproc.Multiprocessing</c>.</summary>
    public string Multiprocessing { get; }

    /// <summary>Whether <c>using Multiproc;</c> must be added for <see cref="Multiprocessing"/> to bind.</summary>
    public bool NeedsUsing { get; }

    /// <summary>How to write <c>System.Environment</c>.</summary>
    public string Environment { get; }

    /// <summary>How to write <c>System.Threading.Tasks.Task</c>.</summary>
    public string Task { get; }

    /// <summary>The exit-code variable: <c>exitCode</c> unless the entry point already declares that name.</summary>
    public string ExitCode { get; }

    private static bool Resolves(SemanticModel model, int position, string name, string fullName) =>
        model.LookupNamespacesAndTypes(position, name: name).Any(s => s.ToDisplayString() == fullName);

    /// <summary><paramref name="fullName"/>, or <c>global::</c> it if <paramref name="root"/> is shadowed at <paramref name="position"/>.</summary>
    private static string Qualify(SemanticModel model, int position, string root, string fullName)
    {
        var found = model.LookupNamespacesAndTypes(position, name: root);
        return found.Length == 1 && found[0] is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true }
            ? fullName
            : "global::" + fullName;
    }

    /// <summary>
    /// <c>using Multiproc;</c> is safe when no simple name used in the document is also the name of a type in
    /// the <c>Multiproc</c> namespace (with the using, such a name could bind differently or become ambiguous).
    /// </summary>
    private static bool UsingIsSafe(SemanticModel model, SyntaxNode root)
    {
        INamespaceSymbol? multiproc = model.Compilation.GetTypeByMetadataName(MultiprocSymbols.MultiprocessingName)?.ContainingNamespace;
        if (multiproc is null)
        {
            return false;
        }

        var typeNames = new HashSet<string>(multiproc.GetTypeMembers().Select(static t => t.Name));
        foreach (SimpleNameSyntax name in root.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            bool qualified = name.Parent is QualifiedNameSyntax q && q.Right == name
                || name.Parent is MemberAccessExpressionSyntax m && m.Name == name
                || name.Parent is AliasQualifiedNameSyntax;
            if (!qualified && typeNames.Contains(name.Identifier.ValueText))
            {
                return false;
            }
        }

        return true;
    }

    private static string UniqueLocalName(SyntaxNode declaration)
    {
        var taken = new HashSet<string>();
        IEnumerable<SyntaxNode> nodes = declaration is CompilationUnitSyntax unit
            ? unit.Members.OfType<GlobalStatementSyntax>().SelectMany(static g => g.DescendantNodes())
            : declaration.DescendantNodes();
        foreach (SyntaxNode node in nodes)
        {
            switch (node)
            {
                case VariableDeclaratorSyntax v: taken.Add(v.Identifier.ValueText); break;
                case SingleVariableDesignationSyntax d: taken.Add(d.Identifier.ValueText); break;
                case ParameterSyntax p: taken.Add(p.Identifier.ValueText); break;
                case LocalFunctionStatementSyntax f: taken.Add(f.Identifier.ValueText); break;
                case ForEachStatementSyntax f: taken.Add(f.Identifier.ValueText); break;
                case CatchDeclarationSyntax c: taken.Add(c.Identifier.ValueText); break;
            }
        }

        string name = "exitCode";
        for (int i = 2; taken.Contains(name); i++)
        {
            name = "exitCode" + i;
        }

        return name;
    }
}
