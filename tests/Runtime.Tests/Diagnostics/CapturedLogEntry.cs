using Microsoft.Extensions.Logging;

namespace Multiproc.Tests.Diagnostics;

/// <summary>One log call as the capturing logger saw it: category, level, event, message and structured fields.</summary>
internal sealed record CapturedLogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Fields)
{
    /// <summary>The structured field <paramref name="name"/> (fails when the event has none of that name).</summary>
    public object? this[string name] => Fields.TryGetValue(name, out object? value)
        ? value
        : throw new KeyNotFoundException($"{EventId.Name} has no field {name}: {string.Join(", ", Fields.Keys)}");

    public override string ToString() => $"{Category}/{EventId.Name}: {Message}";
}
