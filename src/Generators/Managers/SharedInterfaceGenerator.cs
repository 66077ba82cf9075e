using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiproc.Analyzers.Shared;

namespace Multiproc.Generators.Managers;

/// <summary>
/// Generates, for every valid <c>[SharedInterface]</c>, a manager proxy that implements the interface and a server
/// dispatcher, registered with the runtime by a module initializer. Reports no diagnostics: an interface with a member
/// that cannot be proxied, or a value that cannot be serialized, gets no proxy, and analyzers MP0090/MP0091 say why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SharedInterfaceGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the parsed interfaces (for incremental-generator tests).</summary>
    public const string SharedInterfacesStep = "SharedInterfaces";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaces = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SharedInterfaceRules.SharedInterfaceAttribute,
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (syntaxContext, cancellationToken) => SharedInterfaceParser.Parse(syntaxContext, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(SharedInterfacesStep);

        context.RegisterSourceOutput(interfaces, static (productionContext, model) => SharedInterfaceEmitter.Emit(productionContext, model));
    }
}
