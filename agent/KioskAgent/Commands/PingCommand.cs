using System.Diagnostics;
using System.Globalization;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Commands;

/// <summary>"ping": is the agent alive, which version, since when, which run (session).</summary>
public sealed class PingCommand(MqttConnection connection, IOptions<KioskOptions> kiosk, TimeProvider time) : IKioskCommandHandler
{
    private static readonly DateTimeOffset ProcessStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public string Name => "ping";

    public Task<KioskCommandResult> RunAsync(KioskCommand command, CancellationToken cancellationToken)
    {
        var result = CommandResults.Ok(command, "pong");
        var uptime = Math.Max(0, (long)(time.GetUtcNow() - ProcessStarted).TotalSeconds);
        result.Data["uptime_seconds"] = uptime.ToString(CultureInfo.InvariantCulture);
        result.Data["agent_version"] = AgentVersion.Current;
        result.Data["session"] = connection.Session;
        result.Data["site_id"] = kiosk.Value.SiteId;
        return Task.FromResult(result);
    }
}
