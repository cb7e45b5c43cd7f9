using Google.Protobuf.WellKnownTypes;
using KioskAgent.Api;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Health;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Taps;
using Microsoft.Extensions.Options;

namespace KioskAgent.CentralLink;

/// <summary>
/// Publishes a retained health report (devices, outbox backlog, counters) to {base}/health
/// periodically and soon after any device changes state or a feature asks
/// (<see cref="HealthReportTrigger"/>), so central sees a paper-out or new member data at once.
/// </summary>
public sealed partial class HealthTelemetryPublisher : BackgroundService
{
    private readonly MqttConnection _connection;
    private readonly DeviceHealthRegistry _health;
    private readonly TransactionJournal _journal;
    private readonly TapCounters _counters;
    private readonly DeadLetterLog _deadLetters;
    private readonly IEnumerable<IHealthReportContributor> _contributors;
    private readonly KioskOptions _kiosk;
    private readonly IOptionsMonitor<CentralLinkOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HealthTelemetryPublisher> _logger;
    private readonly DateTimeOffset _started;
    private readonly SemaphoreSlim _changed = new(0, 1);

    public HealthTelemetryPublisher(
        MqttConnection connection,
        DeviceHealthRegistry health,
        TransactionJournal journal,
        TapCounters counters,
        DeadLetterLog deadLetters,
        IEnumerable<IHealthReportContributor> contributors,
        HealthReportTrigger trigger,
        IOptions<KioskOptions> kiosk,
        IOptionsMonitor<CentralLinkOptions> options,
        TimeProvider time,
        ILogger<HealthTelemetryPublisher> logger)
    {
        _connection = connection;
        _health = health;
        _journal = journal;
        _counters = counters;
        _deadLetters = deadLetters;
        _contributors = contributors;
        _kiosk = kiosk.Value;
        _options = options;
        _time = time;
        _logger = logger;
        _started = time.GetUtcNow();
        _health.Changed += _ => Signal();
        trigger.Requested += Signal;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connection.WaitConnectedAsync(stoppingToken).ConfigureAwait(false);
                await PublishAsync(stoppingToken).ConfigureAwait(false);
                // Read each round: central may change the period (RemoteConfig).
                await _changed.WaitAsync(TimeSpan.FromSeconds(_options.CurrentValue.TelemetrySeconds), stoppingToken).ConfigureAwait(false);
                // Let a burst of changes settle into one report.
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, stoppingToken).ConfigureAwait(false);
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
        _changed.Dispose();
        base.Dispose();
    }

    internal async Task<HealthReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var outbox = await _journal.StatusAsync(cancellationToken).ConfigureAwait(false);
        var oldest = outbox.OldestPendingAge(now);
        var report = new HealthReport
        {
            KioskId = _kiosk.KioskId,
            SiteId = _kiosk.SiteId,
            AgentVersion = AgentVersion.Current,
            At = Timestamp.FromDateTimeOffset(now),
            UptimeSeconds = (ulong)Math.Max(0, (now - _started).TotalSeconds),
            // Both set even when 0: they have explicit presence, so a report always carries them.
            OutboxPending = (ulong)outbox.Pending,
            OutboxOldestPendingSeconds = (ulong)oldest.TotalSeconds,
            OutboxAlarm = oldest > TimeSpan.FromSeconds(_options.CurrentValue.OutboxAlarmSeconds),
            JournalFault = _journal.Fault?.Reason ?? "",
        };
        report.Devices.AddRange(_health.All.Select(DevicesGrpcService.ToStatus));
        foreach (var (name, value) in _counters.Snapshot())
        {
            report.Counters[name] = value;
        }

        foreach (var (name, value) in _deadLetters.Snapshot())
        {
            report.Counters[name] = value;
        }

        foreach (var contributor in _contributors)
        {
            try
            {
                contributor.Contribute(report);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One part that cannot read its figures (e.g. from a damaged journal) must not keep the
                // report, and the fault it carries, from going out.
                LogContributorFailed(contributor.GetType().Name, ex.Message);
            }
        }

        return report;
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var report = await BuildAsync(cancellationToken).ConfigureAwait(false);
        var message = LinkMessages.Create(_connection.Topics.Health, report).WithRetainFlag(true).Build();
        await _connection.PublishAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one report covers both changes.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Contributor} could not add to the health report: {Error}")]
    private partial void LogContributorFailed(string contributor, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health telemetry not published: {Error}")]
    private partial void LogPublishFailed(string error);
}
