using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.CentralLink;
using KioskAgent.Members;
using Microsoft.Extensions.Options;

namespace KioskAgent.Demo;

/// <summary>
/// Demo mode with <c>Demo:ReferenceCentral</c>: runs the reference central in-process against the
/// demo broker, so transactions are acknowledged and the outbox drains as it would with a real
/// central, and the demo members are served as central would (snapshot on the kiosk's resync
/// request, live balance and points after a tap). Plain (not shared) subscriptions: the in-process broker has no shared subscriptions.
/// </summary>
public sealed partial class DemoReferenceCentral(
    IOptions<DemoOptions> demo,
    IOptions<CentralLinkOptions> central,
    SiteCalendar calendar,
    DemoCentralKey key,
    TimeProvider time,
    ILogger<DemoReferenceCentral> logger) : BackgroundService
{
    private ReferenceCentral? _central;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!demo.Value.ReferenceCentral)
        {
            return;
        }

        var members = DemoMembers.Batch(calendar.Today);
        var options = new ReferenceCentralOptions
        {
            Parts = { new CentralMembers(new MemberDataset(members.Members, members.Levels, members.Gifts, staff: DemoStaff.All), time: time) },
            ClientId = "demo-central",
            TopicRoot = central.Value.TopicRoot,
            ShareGroup = null,
            Signer = key.Signer,
            Time = time,
            Log = LogCentral,
        };
        try
        {
            // Retries until the demo broker (started after this service) listens.
            _central = await ReferenceCentral.StartAsync(central.Value.Host, central.Value.Port, options, stoppingToken).ConfigureAwait(false);
            LogStarted(central.Value.Host, central.Value.Port);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the broker came up.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_central is not null)
        {
            await _central.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference central (demo) acknowledging transactions on {Host}:{Port}")]
    private partial void LogStarted(string host, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reference central: {Message}")]
    private partial void LogCentral(string message);
}
