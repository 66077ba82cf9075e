using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Infrastructure;
using Multiproc.Generators.Model;

namespace Multiproc.Generators.Parsing;

/// <summary>
/// Turns serializable type symbols into <see cref="TypeRefModel"/>s and the <see cref="SerializerModel"/>s of
/// every type reachable from them. Lives only inside one transform; symbols never leave it. The caller has
/// already checked serializability with <see cref="ProcessTargetRules.FindNonSerializable"/>.
/// </summary>
internal sealed class TypeModelBuilder
{
    private readonly Compilation _compilation;
    private readonly string _tableNamespace;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, TypeRefModel> _refs = new();
    private readonly Dictionary<string, SerializerModel> _serializers = new();
    private readonly Queue<(ITypeSymbol Type, TypeRefModel Ref, SerializableKind Kind)> _pending = new();

    /// <summary>Creates a builder for one transform.</summary>
    /// <param name="compilation">The compilation being generated for.</param>
    /// <param name="tableNamespace">The namespace of the assembly's generated plumbing.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public TypeModelBuilder(Compilation compilation, string tableNamespace, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _tableNamespace = tableNamespace;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The codec of <paramref name="type"/>; queues a serializer for it and what it reaches when it needs one.</summary>
    /// <param name="type">A serializable type.</param>
    /// <returns>Its reference model.</returns>
    public TypeRefModel GetRef(ITypeSymbol type)
    {
        string key = TypeNames.Key(type);
        if (_refs.TryGetValue(key, out TypeRefModel? existing))
        {
            return existing;
        }

        SerializableKind kind = ProcessTargetRules.Classify(type, _compilation);
        CodecKind codec = kind switch
        {
            SerializableKind.Unmanaged or SerializableKind.Enum => CodecKind.Unmanaged,
            SerializableKind.Boolean => CodecKind.Boolean,
            SerializableKind.String => CodecKind.String,
            SerializableKind.Decimal => CodecKind.Decimal,
            SerializableKind.DateTime => CodecKind.DateTime,
            SerializableKind.DateTimeOffset => CodecKind.DateTimeOffset,
            SerializableKind.UnmanagedArray => CodecKind.UnmanagedArray,
            SerializableKind.WireSerializable => CodecKind.WireSerializable,
            SerializableKind.Unit => CodecKind.Unit,
            SerializableKind.SharedInterface => CodecKind.SharedInterface,
            _ => CodecKind.Generated,
        };
        string? element = kind == SerializableKind.UnmanagedArray ? TypeNames.Key(((IArrayTypeSymbol)type).ElementType) : null;
        var model = new TypeRefModel(key, codec, TypeNames.Identifier(type, key), element, MinimumSize(type, kind), type.IsReferenceType);
        _refs.Add(key, model);
        if (codec == CodecKind.Generated)
        {
            _pending.Enqueue((type, model, kind));
        }
        else if (codec == CodecKind.WireSerializable)
        {
            // A generic self-serializing type (Queue<T>, Pipe<T>…) carries its type arguments through
            // WireSerializer<T>.Default: generate and register what of them can be serialized.
            foreach (ITypeSymbol argument in ProcessTargetRules.GetPayloadTypes(type, _compilation))
            {
                GetRef(argument);
            }
        }

        return model;
    }

    /// <summary>Every type reference created so far, sorted by name: the types whose serializers the table registers.</summary>
    /// <returns>The references.</returns>
    public EquatableArray<TypeRefModel> AllTypes() =>
        _refs.Values.OrderBy(static r => r.FullyQualifiedName, System.StringComparer.Ordinal).ToEquatableArray();

    /// <summary>Builds the serializers of every queued type, and of what those reach, sorted by type name.</summary>
    /// <returns>The serializer models.</returns>
    public EquatableArray<SerializerModel> BuildSerializers()
    {
        while (_pending.Count > 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            (ITypeSymbol type, TypeRefModel model, SerializableKind kind) = _pending.Dequeue();
            _serializers[model.FullyQualifiedName] = BuildSerializer(type, model, kind);
        }

        return _serializers.Values
            .OrderBy(static s => s.Type.FullyQualifiedName, System.StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private SerializerModel BuildSerializer(ITypeSymbol type, TypeRefModel model, SerializableKind kind)
    {
        EquatableArray<TypeRefModel> elements = ProcessTargetRules.GetElementTypes(type, kind).Select(GetRef).ToEquatableArray();
        var members = new List<MemberModel>();
        int arity = 0;
        string hintName = "Serializers." + model.Identifier + ".g.cs";
        if (kind == SerializableKind.Object)
        {
            var named = (INamedTypeSymbol)type;
            IMethodSymbol? constructor = ProcessTargetRules.FindConstructor(named);
            arity = constructor?.Parameters.Length ?? 0;
            foreach (ISymbol member in ProcessTargetRules.GetSerializableMembers(named))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                int position = constructor is null ? -1 : ProcessTargetRules.FindParameter(constructor, member)?.Ordinal ?? -1;
                bool required = member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };
                members.Add(new MemberModel(TypeNames.Escape(member.Name), GetRef(ProcessTargetRules.GetMemberType(member)), position, required && !SetsRequiredMembers(constructor)));
            }

            if (named.Arity == 0)
            {
                hintName = "Serializers." + TypeNames.MetadataPath(named) + ".g.cs";
            }
        }

        return new SerializerModel(model, kind, _tableNamespace, hintName, elements, members.ToEquatableArray(), arity);
    }

    private static bool SetsRequiredMembers(IMethodSymbol? constructor) =>
        constructor is not null && constructor.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");

    private int MinimumSize(ITypeSymbol type, SerializableKind kind)
    {
        switch (kind)
        {
            case SerializableKind.Unmanaged:
                return UnmanagedSize(type);
            case SerializableKind.Enum:
                return UnmanagedSize(((INamedTypeSymbol)type).EnumUnderlyingType!);
            case SerializableKind.Boolean:
            case SerializableKind.Nullable:
            case SerializableKind.SharedInterface:
            case SerializableKind.Tuple:
                return 1;
            case SerializableKind.Decimal:
                return 16;
            case SerializableKind.DateTime:
                return 9;
            case SerializableKind.DateTimeOffset:
                return 10;
            case SerializableKind.String:
            case SerializableKind.UnmanagedArray:
            case SerializableKind.Array:
            case SerializableKind.List:
            case SerializableKind.HashSet:
            case SerializableKind.Dictionary:
                return 4;
            case SerializableKind.ValueTuple:
                return ProcessTargetRules.GetElementTypes(type, kind).Sum(e => GetRef(e).MinimumSize);
            case SerializableKind.Object when type.IsReferenceType:
                return 1;
            case SerializableKind.Object:
                return ProcessTargetRules.GetSerializableMembers((INamedTypeSymbol)type)
                    .Sum(m => GetRef(ProcessTargetRules.GetMemberType(m)).MinimumSize);
            default:
                return 0;
        }
    }

    private static int UnmanagedSize(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_SByte or SpecialType.System_Byte => 1,
        SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16 => 2,
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
        SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double => 8,
        _ => type.Name == "Guid" ? 16 : 8, // TimeSpan
    };
}
