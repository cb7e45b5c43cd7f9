using System.Globalization;

namespace KioskAgent.Commands.Logs;

/// <summary>Feeds every log line that passes the configured filters into <see cref="RecentLogs"/>.</summary>
[ProviderAlias("Recent")]
public sealed class RecentLogsLoggerProvider(RecentLogs logs, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RecentLogsLogger(categoryName, logs, time);

    public void Dispose()
    {
    }

    private sealed class RecentLogsLogger(string category, RecentLogs logs, TimeProvider time) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                var at = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                var line = $"{at} {Short(logLevel)} {category}: {formatter(state, exception)}";
                logs.Add(exception is null ? line : $"{line} [{exception.GetType().Name}: {exception.Message}]");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Logging must never break the code that logs; this line is lost for fetch_logs only.
            }
        }

        private static string Short(LogLevel level) => level switch
        {
            LogLevel.Trace => "TRC",
            LogLevel.Debug => "DBG",
            LogLevel.Information => "INF",
            LogLevel.Warning => "WRN",
            LogLevel.Error => "ERR",
            _ => "CRT",
        };
    }
}
