using Google.Protobuf;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Protocol;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// Publishes the retained ReportedConfig on {base}/config/reported after every connect and after
/// every change (applied or refused); a burst of changes becomes one message.
/// </summary>
public sealed partial class ReportedConfigPublisher : BackgroundService
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly ReadOnlyMemory<byte> SchemaName = System.Text.Encoding.UTF8.GetBytes(ReportedConfig.Descriptor.FullName);
    private static readonly ReadOnlyMemory<byte> SchemaVersion = System.Text.Encoding.UTF8.GetBytes(InboundJson.SchemaVersion);

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
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connection.WaitConnectedAsync(stoppingToken).ConfigureAwait(false);
                if (!await PublishAsync(stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                // Until something changes or the session drops (then: publish again on the next connect).
                while (_connection.IsConnected && !await _changed.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false))
                {
                }

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
        _changed.Dispose();
        base.Dispose();
    }

    private async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_connection.Topics.ConfigReported)
            .WithPayload(Json.Format(_config.Reported()))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithUserProperty(InboundJson.SchemaProperty, SchemaName)
            .WithUserProperty(InboundJson.SchemaVersionProperty, SchemaVersion)
            .Build();
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
