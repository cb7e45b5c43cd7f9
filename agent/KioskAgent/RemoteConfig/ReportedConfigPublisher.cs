using KioskAgent.CentralLink;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// Publishes the retained ReportedConfig on {base}/config/reported after every connect and after
/// every change (applied or refused); a burst of changes becomes one message.
/// </summary>
public sealed partial class ReportedConfigPublisher : BackgroundService
{
    private readonly MqttConnection _connection;
    private readonly RemoteConfigService _config;
    private readonly TimeProvider _time;
    private readonly ILogger<ReportedConfigPublisher> _logger;
    private readonly SemaphoreSlim _changed = new(0, 1);

    public ReportedConfigPublisher(MqttConnection connection, RemoteConfigService config, TimeProvider time, ILogger<ReportedConfigPublisher> logger)
    {
        _connection = connection;
        _config = config;
        _time = time;
        _logger = logger;
        _config.Changed += Signal;
        _connection.Connected += Signal;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connection.WaitConnectedAsync(stoppingToken).ConfigureAwait(false);
                // This report is read now, so it covers every signal raised so far, the connect's
                // own included: without this a connect published the same report twice.
                _changed.Wait(0, CancellationToken.None);
                if (!await PublishAsync(stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                // Until something changes or the kiosk connects again.
                await _changed.WaitAsync(stoppingToken).ConfigureAwait(false);

                // Let a burst of changes settle into one report.
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogPublishFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override void Dispose()
    {
        _config.Changed -= Signal;
        _connection.Connected -= Signal;
        _changed.Dispose();
        base.Dispose();
    }

    private async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        var message = LinkMessages.Create(_connection.Topics.ConfigReported, _config.Reported()).WithRetainFlag(true).Build();
        return await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private void Signal()
    {
        try
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one report covers both changes.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reported configuration not published: {Error}")]
    private partial void LogPublishFailed(string error);
}
