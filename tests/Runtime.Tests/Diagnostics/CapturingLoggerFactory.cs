using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Multiproc.Tests.Diagnostics;

/// <summary>An <see cref="ILoggerFactory"/> that keeps every entry its loggers receive, for assertions.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    /// <summary>The entries of event <paramref name="eventName"/> whose <c>Pid</c> field is <paramref name="pid"/>.</summary>
    public IReadOnlyList<CapturedLogEntry> For(string eventName, int? pid) =>
        [.. _entries.Where(e => e.EventId.Name == eventName && e.Fields.TryGetValue("Pid", out object? p) && Equals(p, pid))];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (KeyValuePair<string, object?> pair in pairs)
                {
                    fields[pair.Key] = pair.Value;
                }
            }

            entries.Enqueue(new CapturedLogEntry(category, logLevel, eventId, formatter(state, exception), fields));
        }
    }
}
