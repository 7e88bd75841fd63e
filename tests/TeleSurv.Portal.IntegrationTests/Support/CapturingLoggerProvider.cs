using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TeleSurv.Portal.Tests.Support;

/// <summary>Every message logged at Information and above (the portal's configured level), with its level, category and exception.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    /// <summary>Each entry as one line: its category, then its message.</summary>
    public IEnumerable<string> Messages => Entries.Select(entry => $"{entry.Category}: {entry.Message}");

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Entries.Enqueue((logLevel, category, $"{formatter(state, exception)} {exception}"));
            }
        }
    }
}
