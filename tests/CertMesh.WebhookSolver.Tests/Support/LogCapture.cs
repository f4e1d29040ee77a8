using System.Collections.Concurrent;

namespace CertMesh.WebhookSolver.Tests.Support;

/// <summary>Keeps every formatted log line of the app under test, so tests can read what an operator would see.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose() { }

    sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}

internal sealed record LogLine(LogLevel Level, string Category, string Message);
