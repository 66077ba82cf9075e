using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;
using Multiproc.Generators.Parsing;

namespace Multiproc.Generators;

/// <content>The parser: symbols in, equatable models out. Invalid input yields nothing; the analyzers explain why.</content>
public sealed partial class ProcessTargetGenerator
{
    private static class Parser
    {
        public static ProcessTargetModel? ParseTarget(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || ProcessTargetRules.CheckShape(method, context.SemanticModel.Compilation) != TargetShapeProblem.None)
            {
                return null;
            }

            Compilation compilation = context.SemanticModel.Compilation;
            ITypeSymbol? resultType = ProcessTargetRules.GetResultType(method);
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ProcessTargetRules.FindNonSerializable(parameter.Type, compilation) is not null)
                {
                    return null;
                }
            }

            if (resultType is not null && ProcessTargetRules.FindNonSerializable(resultType, compilation) is not null)
            {
                return null;
            }

            string tableNamespace = TypeNames.TableNamespace(compilation.AssemblyName);
            var builder = new TypeModelBuilder(compilation, tableNamespace, cancellationToken);
            var parameters = new List<ParameterModel>();
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                parameters.Add(new ParameterModel(TypeNames.Escape(parameter.Name), parameter.Type.ToDisplayString(TypeNames.DeclaredFormat), builder.GetRef(parameter.Type), DefaultValues.Format(parameter)));
            }

            TypeRefModel? result = resultType is null ? null : builder.GetRef(resultType);
            string documentationId = method.GetDocumentationCommentId() ?? method.ToDisplayString();
            var entry = new DispatchEntryModel(
                method.ContainingType.ToDisplayString() + "." + method.Name,
                Fnv1a.Hash(documentationId),
                Fnv1a.Hash(SchemaText.Describe(method, compilation)),
                method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                TypeNames.Escape(method.Name),
                parameters.Select(static p => p.Type).ToEquatableArray(),
                result,
                ProcessTargetRules.IsAwaitable(method),
                ProcessTargetRules.NeedsAccessor(method) ? TypeNames.RuntimeName(method.ContainingType) + ", " + compilation.AssemblyName : null,
                method.ReturnsVoid ? "void" : method.ReturnType.ToDisplayString(TypeNames.DeclaredFormat));

            return new ProcessTargetModel(
                tableNamespace,
                ProcessTargetRules.GetNamespace(method),
                "Spawn." + TypeNames.MetadataPath(method.ContainingType) + "." + method.Name + ".g.cs",
                ProcessTargetRules.GetEffectiveAccessibility(method) == Accessibility.Public,
                parameters.ToEquatableArray(),
                resultType?.ToDisplayString(TypeNames.DeclaredFormat),
                documentationId,
                entry,
                builder.BuildSerializers(),
                builder.AllTypes());
        }

        public static EquatableArray<SerializerModel> ParseSerializable(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            Compilation compilation = context.SemanticModel.Compilation;
            if (context.TargetSymbol is not INamedTypeSymbol type
                || ProcessTargetRules.Classify(type, compilation) != SerializableKind.Object
                || ProcessTargetRules.FindNonSerializable(type, compilation) is not null)
            {
                return EquatableArray<SerializerModel>.Empty;
            }

            var builder = new TypeModelBuilder(compilation, TypeNames.TableNamespace(compilation.AssemblyName), cancellationToken);
            builder.GetRef(type);
            return builder.BuildSerializers();
        }

        /// <summary>
        /// Drops every target whose name is shared by another target of the same namespace (overloads
        /// included): which one <c>Spawn.X</c> means is ambiguous, so neither gets generated code and the
        /// analyzer reports the clash. Decides the accessibility of each namespace's classes, and sorts the
        /// rest by display name, then documentation id.
        /// </summary>
        public static EquatableArray<ProcessTargetModel> RemoveDuplicateNames(ImmutableArray<ProcessTargetModel> targets, CancellationToken cancellationToken)
        {
            var counts = new Dictionary<(string, string), int>();
            foreach (ProcessTargetModel target in targets)
            {
                counts.TryGetValue((target.Namespace, target.MethodName), out int count);
                counts[(target.Namespace, target.MethodName)] = count + 1;
            }

            cancellationToken.ThrowIfCancellationRequested();
            ProcessTargetModel[] unique = targets.Where(t => counts[(t.Namespace, t.MethodName)] == 1).ToArray();
            var publicNamespaces = new HashSet<string>(unique.Where(static t => t.IsPublic).Select(static t => t.Namespace), StringComparer.Ordinal);
            ProcessTargetModel[] sorted = unique
                .Select(t => t with { ClassesArePublic = publicNamespaces.Contains(t.Namespace) })
                .OrderBy(static t => t.Entry.Name, StringComparer.Ordinal)
                .ThenBy(static t => t.DocumentationId, StringComparer.Ordinal)
                .ToArray();
            return DisambiguateHintNames(sorted, static t => t.HintName, static (t, hint) => t with { HintName = hint }, static t => t.Entry.Id.ToString("x16", CultureInfo.InvariantCulture))
                .ToEquatableArray();
        }

        /// <summary>Syntactic filter for <see cref="NamespaceOfGeneratedName"/>: a type declaration named <c>Spawn</c> or <c>Targets</c> directly in a namespace.</summary>
        public static bool IsGeneratedNameCandidate(SyntaxNode node) =>
            node is BaseTypeDeclarationSyntax { Identifier.ValueText: ProcessTargetRules.SpawnClassName or ProcessTargetRules.TargetsClassName, Parent: BaseNamespaceDeclarationSyntax or CompilationUnitSyntax }
                or DelegateDeclarationSyntax { Identifier.ValueText: ProcessTargetRules.SpawnClassName or ProcessTargetRules.TargetsClassName, Parent: BaseNamespaceDeclarationSyntax or CompilationUnitSyntax };

        /// <summary>The namespace (empty for global) of a user type named <c>Spawn</c> or <c>Targets</c>.</summary>
        public static string? NamespaceOfGeneratedName(GeneratorSyntaxContext context, CancellationToken cancellationToken) =>
            context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is INamedTypeSymbol { ContainingType: null } type
                ? ProcessTargetRules.GetNamespace(type)
                : null;

        /// <summary>Syntactic filter for <see cref="ParseCrossing"/>: a generic name, or a call by simple name, that a boundary API has.</summary>
        public static bool IsCrossingCandidate(SyntaxNode node) => node switch
        {
            GenericNameSyntax generic => ProcessBoundary.IsCandidateName(generic.Identifier.ValueText),
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax name } => ProcessBoundary.IsCandidateName(name.Identifier.ValueText),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } } => ProcessBoundary.IsCandidateName(name.Identifier.ValueText),
            _ => false,
        };

        /// <summary>
        /// The serializers of the types crossing at one use of a boundary API (<see cref="ProcessBoundary"/>); null
        /// when the use is no such API, is open, or none of its types can cross (MP0002 says why).
        /// </summary>
        public static CrossingModel? ParseCrossing(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            ISymbol? symbol = context.SemanticModel.GetSymbolInfo(context.Node, cancellationToken).Symbol;
            if (context.Node is GenericNameSyntax && symbol is IMethodSymbol && context.Node.Parent is not MemberAccessExpressionSyntax and not InvocationExpressionSyntax)
            {
                return null;
            }

            Compilation compilation = context.SemanticModel.Compilation;
            var builder = new TypeModelBuilder(compilation, TypeNames.TableNamespace(compilation.AssemblyName), cancellationToken);
            bool any = false;
            foreach ((ITypeSymbol type, _, _) in ProcessBoundary.FindCrossings(symbol))
            {
                if (ProcessTargetRules.FindNonSerializable(type, compilation) is null)
                {
                    builder.GetRef(type);
                    any = true;
                }
            }

            if (!any)
            {
                return null;
            }

            EquatableArray<SerializerModel> serializers = builder.BuildSerializers();
            EquatableArray<TypeRefModel> types = builder.AllTypes().Where(static t => !IsBuiltIn(t)).ToEquatableArray();
            return serializers.Count == 0 && types.Count == 0 ? null : new CrossingModel(serializers, types);
        }

        /// <summary>The serializers and registrations of every boundary API use, distinct and sorted.</summary>
        public static CrossingModel MergeCrossings(ImmutableArray<CrossingModel> crossings)
        {
            var serializers = new Dictionary<string, SerializerModel>(StringComparer.Ordinal);
            var types = new Dictionary<string, TypeRefModel>(StringComparer.Ordinal);
            foreach (CrossingModel crossing in crossings)
            {
                foreach (SerializerModel serializer in crossing.Serializers)
                {
                    serializers[serializer.Type.FullyQualifiedName] = serializer;
                }

                foreach (TypeRefModel type in crossing.Types)
                {
                    types[type.FullyQualifiedName] = type;
                }
            }

            return new CrossingModel(
                serializers.Values.OrderBy(static s => s.Type.FullyQualifiedName, StringComparer.Ordinal).ToEquatableArray(),
                types.Values.OrderBy(static t => t.FullyQualifiedName, StringComparer.Ordinal).ToEquatableArray());
        }

        public static EquatableArray<SerializerModel> MergeSerializers(EquatableArray<ProcessTargetModel> targets, ImmutableArray<EquatableArray<SerializerModel>> marked, CrossingModel crossings)
        {
            var byName = new Dictionary<string, SerializerModel>(StringComparer.Ordinal);
            foreach (SerializerModel serializer in targets.SelectMany(static t => t.Serializers).Concat(marked.SelectMany(static m => m)).Concat(crossings.Serializers))
            {
                byName[serializer.Type.FullyQualifiedName] = serializer;
            }

            SerializerModel[] sorted = byName.Values.OrderBy(static s => s.Type.FullyQualifiedName, StringComparer.Ordinal).ToArray();
            return DisambiguateHintNames(sorted, static s => s.HintName, static (s, hint) => s with { HintName = hint }, static s => s.Type.Identifier)
                .ToEquatableArray();
        }

        /// <summary>
        /// Hint names are dotted type paths, so a nested type <c>A.B</c> and a type <c>B</c> of namespace <c>A</c>
        /// share one; every colliding name gets a unique suffix (deterministic: it depends only on the set).
        /// </summary>
        private static IEnumerable<T> DisambiguateHintNames<T>(T[] items, Func<T, string> hintName, Func<T, string, T> withHintName, Func<T, string> suffix)
        {
            var collisions = new HashSet<string>(
                items.GroupBy(hintName, StringComparer.Ordinal).Where(static g => g.Count() > 1).Select(static g => g.Key),
                StringComparer.Ordinal);
            return items.Select(item => collisions.Contains(hintName(item))
                ? withHintName(item, hintName(item).Substring(0, hintName(item).Length - ".g.cs".Length) + "." + suffix(item) + ".g.cs")
                : item);
        }

        public static EquatableArray<string> FindReferencedTables(Compilation compilation, CancellationToken cancellationToken)
        {
            var tables = new SortedSet<string>(StringComparer.Ordinal);
            foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!assembly.Modules.Any(static m => m.ReferencedAssemblies.Any(static r => r.Name == "Multiproc")))
                {
                    continue;
                }

                foreach (AttributeData attribute in assembly.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == ProcessTargetRules.ProcessTargetTableAttribute
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is INamedTypeSymbol { DeclaredAccessibility: Accessibility.Public } table)
                    {
                        tables.Add(table.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                    }
                }
            }

            return tables.ToEquatableArray();
        }

        public static DispatchTableModel BuildTable(
            EquatableArray<ProcessTargetModel> targets,
            EquatableArray<SerializerModel> serializers,
            EquatableArray<TypeRefModel> crossingTypes,
            EquatableArray<string> referencedTables,
            string? assemblyName)
        {
            var registrations = new Dictionary<string, TypeRefModel>(StringComparer.Ordinal);
            void Add(TypeRefModel type)
            {
                if (!IsBuiltIn(type))
                {
                    registrations[type.FullyQualifiedName] = type;
                }
            }

            foreach (TypeRefModel type in targets.SelectMany(static t => t.Types).Concat(crossingTypes))
            {
                Add(type);
            }

            foreach (SerializerModel serializer in serializers)
            {
                Add(serializer.Type);
                foreach (TypeRefModel element in serializer.Elements)
                {
                    Add(element);
                }

                foreach (MemberModel member in serializer.Members)
                {
                    Add(member.Type);
                }
            }

            return new DispatchTableModel(
                TypeNames.TableNamespace(assemblyName),
                targets.Select(static t => t.Entry).ToEquatableArray(),
                registrations.Values.OrderBy(static r => r.FullyQualifiedName, StringComparer.Ordinal).ToEquatableArray(),
                referencedTables);
        }

        /// <summary>Types the runtime registers itself (<c>BuiltInSerializers</c>).</summary>
        private static bool IsBuiltIn(TypeRefModel type) => type.FullyQualifiedName switch
        {
            "int" or "long" or "uint" or "ulong" or "short" or "ushort" or "byte" or "sbyte" or "char" or "double" or "float"
                or "decimal" or "bool" or "string" or "byte[]" or "global::System.Guid" or "global::System.TimeSpan" or "global::System.ValueTuple" => true,
            _ => false,
        };
    }
}
