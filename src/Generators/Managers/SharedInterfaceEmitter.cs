using System.Linq;
using Microsoft.CodeAnalysis;
using Multiproc.Generators.Emitters;
using Multiproc.Generators.Infrastructure;

namespace Multiproc.Generators.Managers;

/// <summary>
/// Emits, for one <c>[SharedInterface]</c>, a file-local proxy class (every member an explicit implementation that
/// calls the manager by method id) and a dispatcher (a switch over method ids that calls the served object), registered
/// by a module initializer. No reflection, no names on the wire.
/// </summary>
internal static class SharedInterfaceEmitter
{
    private const string Serializer = "global::Multiproc.Serialization.WireSerializer";

    public static void Emit(SourceProductionContext context, SharedInterfaceModel model)
    {
        SourceWriter writer = GeneratedFile.Start();
        bool hasNamespace = model.Namespace.Length > 0;
        if (hasNamespace)
        {
            writer.WriteLine($"namespace {model.Namespace}");
            writer.OpenBlock();
        }

        string proxy = "SharedProxy_" + Identifier(model.HintName);
        writer.WriteLine($"/// <summary>The generated manager proxy for <see cref=\"{model.FullName}\"/>.</summary>");
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"file sealed class {proxy} : global::Multiproc.SharedObjectProxy, {model.FullName}");
        writer.OpenBlock();
        writer.WriteLine($"public {proxy}(global::Multiproc.ProxyReference reference) : base(reference) {{ }}");
        foreach (SharedMemberModel member in model.Members)
        {
            writer.WriteLine();
            if (member.IsProperty)
            {
                EmitProxyProperty(writer, member);
            }
            else
            {
                EmitProxyMethod(writer, member);
            }
        }

        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Registers <see cref=\"{model.FullName}\"/> with the runtime and dispatches calls to served objects.</summary>");
        writer.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        writer.WriteLine($"file static class SharedDispatch_{Identifier(model.HintName)}");
        writer.OpenBlock();
        writer.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.WriteLine("internal static void Register() =>");
        writer.WriteLine($"    global::Multiproc.SharedInterfaces.Register<{model.FullName}>(0x{model.InterfaceId:X16}UL, \"{model.DisplayName}\", static reference => new {proxy}(reference), Invoke);");
        writer.WriteLine();
        writer.WriteLine($"private static void Invoke(object target, int method, ref {GeneratedFile.WireReader} arguments, ref {GeneratedFile.WireWriter} result, global::Multiproc.SharedCallContext context)");
        writer.OpenBlock();
        writer.WriteLine($"var self = ({model.FullName})target;");
        writer.WriteLine("switch (method)");
        writer.OpenBlock();
        foreach (SharedMemberModel member in model.Members)
        {
            EmitDispatch(writer, member);
        }

        writer.WriteLine("default:");
        writer.WriteLine($"    throw global::Multiproc.SharedInterfaces.NotExposed(\"{model.DisplayName}\", method);");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        if (hasNamespace)
        {
            writer.CloseBlock();
        }

        context.AddSource($"{model.HintName}.SharedProxy.g.cs", writer.ToSourceText());
    }

    private static void EmitProxyProperty(SourceWriter writer, SharedMemberModel member)
    {
        writer.WriteLine($"{member.Type} {member.DeclaringInterface}.{member.Name}");
        writer.OpenBlock();
        if (member.HasGetter)
        {
            writer.WriteLine("get");
            writer.OpenBlock();
            writer.WriteLine("var args = BeginCall();");
            writer.WriteLine(member.Result == SharedResultKind.Shared
                ? $"return CallShared<{member.ValueType}>({member.MethodId}, ref args);"
                : $"return Call<{member.ValueType}>({member.MethodId}, ref args);");
            writer.CloseBlock();
        }

        if (member.SetterId != 0)
        {
            writer.WriteLine("set");
            writer.OpenBlock();
            writer.WriteLine("var args = BeginCall();");
            writer.WriteLine($"{Serializer}<{member.ValueType}>.Default.Write(ref args, value);");
            writer.WriteLine($"Call({member.SetterId}, ref args);");
            writer.CloseBlock();
        }

        writer.CloseBlock();
    }

    private static void EmitProxyMethod(SourceWriter writer, SharedMemberModel member)
    {
        string parameters = string.Join(", ", member.Parameters.Select(static p => $"{p.Type} {p.Name}"));
        writer.WriteLine($"{member.Type} {member.DeclaringInterface}.{member.Name}({parameters})");
        writer.OpenBlock();
        writer.WriteLine("var args = BeginCall();");
        foreach (SharedParameterModel parameter in Sent(member))
        {
            writer.WriteLine($"{Serializer}<{parameter.Type}>.Default.Write(ref args, {parameter.Name});");
        }

        string token = member.HasCancellationToken ? member.Parameters[member.Parameters.Count - 1].Name : "default";
        writer.WriteLine(member.Result switch
        {
            SharedResultKind.Void => $"Call({member.MethodId}, ref args);",
            SharedResultKind.Value => $"return Call<{member.ValueType}>({member.MethodId}, ref args);",
            SharedResultKind.Shared => $"return CallShared<{member.ValueType}>({member.MethodId}, ref args);",
            SharedResultKind.Task => $"return CallAsync({member.MethodId}, ref args, {token});",
            SharedResultKind.TaskOfValue => $"return CallAsync<{member.ValueType}>({member.MethodId}, ref args, {token});",
            SharedResultKind.ValueTask => $"return new global::System.Threading.Tasks.ValueTask(CallAsync({member.MethodId}, ref args, {token}));",
            _ => $"return new global::System.Threading.Tasks.ValueTask<{member.ValueType}>(CallAsync<{member.ValueType}>({member.MethodId}, ref args, {token}));",
        });
        writer.CloseBlock();
    }

    private static void EmitDispatch(SourceWriter writer, SharedMemberModel member)
    {
        if (member.IsProperty)
        {
            if (member.HasGetter)
            {
                writer.WriteLine($"case {member.MethodId}:");
                writer.WriteLine(member.Result == SharedResultKind.Shared
                    ? $"    context.WriteShared<{member.ValueType}>(ref result, self.{member.Name});"
                    : $"    {Serializer}<{member.ValueType}>.Default.Write(ref result, self.{member.Name});");
                writer.WriteLine("    return;");
            }

            if (member.SetterId != 0)
            {
                writer.WriteLine($"case {member.SetterId}:");
                writer.WriteLine($"    self.{member.Name} = {Serializer}<{member.ValueType}>.Default.Read(ref arguments);");
                writer.WriteLine("    return;");
            }

            return;
        }

        writer.WriteLine($"case {member.MethodId}:");
        writer.OpenBlock();
        int index = 0;
        var names = new System.Collections.Generic.List<string>();
        foreach (SharedParameterModel parameter in Sent(member))
        {
            string local = $"arg{index++}";
            names.Add(local);
            writer.WriteLine($"var {local} = {Serializer}<{parameter.Type}>.Default.Read(ref arguments);");
        }

        if (member.HasCancellationToken)
        {
            names.Add("global::System.Threading.CancellationToken.None");
        }

        string call = $"self.{member.Name}({string.Join(", ", names)})";
        writer.WriteLine(member.Result switch
        {
            SharedResultKind.Void => $"{call};",
            SharedResultKind.Value => $"{Serializer}<{member.ValueType}>.Default.Write(ref result, {call});",
            SharedResultKind.Shared => $"context.WriteShared<{member.ValueType}>(ref result, {call});",
            SharedResultKind.Task or SharedResultKind.ValueTask => $"{call}.GetAwaiter().GetResult();",
            _ => $"{Serializer}<{member.ValueType}>.Default.Write(ref result, {call}.GetAwaiter().GetResult());",
        });
        writer.WriteLine("return;");
        writer.CloseBlock();
    }

    private static System.Collections.Generic.IEnumerable<SharedParameterModel> Sent(SharedMemberModel member) =>
        member.HasCancellationToken ? member.Parameters.Take(member.Parameters.Count - 1) : member.Parameters;

    private static string Identifier(string name) => new(name.Select(static c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
