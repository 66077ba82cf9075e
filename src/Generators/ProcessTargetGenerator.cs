using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Emitters;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Parsing;

namespace Multiproc.Generators;

/// <summary>
/// Generates, for every valid <c>[ProcessTarget]</c> method, a typed starter (<c>Spawn.X</c>), a descriptor
/// (<c>Targets.X</c>), a dispatch-table entry and serializers for its parameter and result types; a
/// serializer for every <c>[ProcessSerializable]</c> type; and serializers for the closed types that cross at
/// the other boundary APIs (<c>Connection.Send&lt;T&gt;</c>, queues…: <see cref="ProcessBoundary"/>). Reports no diagnostics: what is invalid is skipped
/// and the analyzers say why (<see cref="ProcessTargetRules"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ProcessTargetGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var targets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ProcessTargetRules.ProcessTargetAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.ParseTarget(syntaxContext, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Targets);

        var uniqueTargets = targets.Collect()
            .Select(static (all, cancellationToken) => Parser.RemoveDuplicateNames(all, cancellationToken))
            .WithTrackingName(TrackingNames.UniqueTargets);

        // Namespaces where the user declared a type named Spawn or Targets: generated classes of those names
        // would not compile there (CS0101/CS0260), so none are emitted; MP0012 explains at the user's type.
        var takenNamespaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => Parser.IsGeneratedNameCandidate(node),
                static (syntaxContext, cancellationToken) => Parser.NamespaceOfGeneratedName(syntaxContext, cancellationToken))
            .Where(static ns => ns is not null)
            .Select(static (ns, _) => ns!)
            .Collect()
            .Select(static (all, _) => all.Distinct().OrderBy(static ns => ns, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.TakenNamespaces);

        context.RegisterSourceOutput(
            uniqueTargets.Combine(takenNamespaces).SelectMany(static (pair, _) => pair.Left.Where(t => !pair.Right.Contains(t.Namespace))),
            static (productionContext, target) => SpawnHelpersEmitter.Emit(productionContext, target));

        var placeholders = targets.Collect()
            .Combine(context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ProcessTargetRules.ProcessTargetAttribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (syntaxContext, cancellationToken) => PlaceholderParser.ParseInvalid(syntaxContext, cancellationToken))
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.InvalidTargets)
                .Collect())
            .Select(static (pair, _) => PlaceholderParser.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Placeholders);

        context.RegisterSourceOutput(
            placeholders.Combine(takenNamespaces).SelectMany(static (pair, _) => pair.Left.Where(p => !pair.Right.Contains(p.Namespace))),
            static (productionContext, placeholder) => PlaceholderEmitter.Emit(productionContext, placeholder));

        var markedTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ProcessTargetRules.ProcessSerializableAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.ParseSerializable(syntaxContext, cancellationToken))
            .Where(static serializers => serializers.Count > 0)
            .WithTrackingName(TrackingNames.SerializableTypes);

        var crossings = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => Parser.IsCrossingCandidate(node),
                static (syntaxContext, cancellationToken) => Parser.ParseCrossing(syntaxContext, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Crossings)
            .Collect()
            .Select(static (all, _) => Parser.MergeCrossings(all))
            .WithTrackingName(TrackingNames.CrossingTypes);

        var memoryPackTypes = MemoryPackInterop.FindTypes(context);

        var serializers = uniqueTargets.Combine(markedTypes.Collect()).Combine(memoryPackTypes.Collect()).Combine(crossings)
            .Select(static (input, _) => Parser.MergeSerializers(input.Left.Left.Left, input.Left.Left.Right.AddRange(input.Left.Right), input.Right))
            .WithTrackingName(TrackingNames.Serializers);

        context.RegisterSourceOutput(
            serializers.SelectMany(static (all, _) => all),
            static (productionContext, serializer) => SerializerEmitter.Emit(productionContext, serializer));

        var referencedTables = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => Parser.FindReferencedTables(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.ReferencedTables);

        var assemblyName = context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName);

        var table = uniqueTargets.Combine(serializers).Combine(crossings).Combine(referencedTables).Combine(assemblyName)
            .Select(static (input, _) => Parser.BuildTable(input.Left.Left.Left.Left, input.Left.Left.Left.Right, input.Left.Left.Right.Types, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.DispatchTable);

        context.RegisterSourceOutput(table, static (productionContext, model) => DispatchTableEmitter.Emit(productionContext, model));
    }
}
