using KioskAgent.Members;
using Microsoft.Extensions.Options;

namespace KioskAgent.Demo;

/// <summary>Fills an empty member cache with <see cref="DemoMembers"/> when demo mode is on.</summary>
public sealed partial class DemoSeeder(IOptions<DemoOptions> options, MemberStore members, ILogger<DemoSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled && members.Count() == 0)
        {
            members.Upsert(DemoMembers.All.Select(m => m.Member));
            LogSeeded(DemoMembers.All.Count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: seeded {Count} demo members")]
    private partial void LogSeeded(int count);
}
