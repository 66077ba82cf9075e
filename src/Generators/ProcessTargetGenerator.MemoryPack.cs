using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;
using Multiproc.Generators.Parsing;

namespace Multiproc.Generators;

/// <content>
/// MemoryPack interop: every <c>[MemoryPackable]</c> type of the compilation gets a serializer that delegates to
/// MemoryPack and is registered like a <c>[ProcessSerializable]</c> one, so it can be sent through pipes and
/// queues without a second annotation. Compilations without MemoryPack have no such types and get nothing.
/// </content>
public sealed partial class ProcessTargetGenerator
{
    private static class MemoryPackInterop
    {
        /// <summary>The serializers of the compilation's <c>[MemoryPackable]</c> types (one array per type).</summary>
        /// <param name="context">The generator's initialization context.</param>
        /// <returns>The provider.</returns>
        public static IncrementalValuesProvider<EquatableArray<SerializerModel>> FindTypes(IncrementalGeneratorInitializationContext context) =>
            context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ProcessTargetRules.MemoryPackableAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (syntaxContext, cancellationToken) => Parse(syntaxContext, cancellationToken))
                .Where(static serializers => serializers.Count > 0);

        private static EquatableArray<SerializerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            Compilation compilation = context.SemanticModel.Compilation;
            if (context.TargetSymbol is not INamedTypeSymbol type
                || ProcessTargetRules.Classify(type, compilation) != SerializableKind.MemoryPack)
            {
                return EquatableArray<SerializerModel>.Empty;
            }

            var builder = new TypeModelBuilder(compilation, TypeNames.TableNamespace(compilation.AssemblyName), cancellationToken);
            builder.GetRef(type);
            return builder.BuildSerializers();
        }
    }
}
