using Multiproc.Analyzers.Shared;
using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Model;

/// <summary>A type that gets a generated <c>Write_X</c>/<c>Read_X</c> pair (collections, nullables, tuples, user objects).</summary>
/// <param name="Type">The type itself.</param>
/// <param name="Kind">Its shape.</param>
/// <param name="TableNamespace">The namespace of the assembly's generated plumbing (<c>Multiproc.Generated.X</c>).</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Elements">Element types (key before value), for collections, nullables and tuples.</param>
/// <param name="Members">Encoded members in order, for user objects.</param>
/// <param name="ConstructorArity">How many constructor parameters a user object is created with.</param>
internal sealed record SerializerModel(
    TypeRefModel Type,
    SerializableKind Kind,
    string TableNamespace,
    string HintName,
    EquatableArray<TypeRefModel> Elements,
    EquatableArray<MemberModel> Members,
    int ConstructorArity);
