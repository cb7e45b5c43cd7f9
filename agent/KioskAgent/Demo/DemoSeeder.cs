using KioskAgent.Members;
using KioskAgent.Staff;
using Microsoft.Extensions.Options;

namespace KioskAgent.Demo;

/// <summary>Fills an empty member cache with <see cref="DemoMembers"/> and an empty staff list with <see cref="DemoStaff"/> when demo mode is on, through the import path.</summary>
public sealed partial class DemoSeeder(IOptions<DemoOptions> options, MemberCache members, StaffDirectory staff, SiteCalendar calendar, TimeProvider time, ILogger<DemoSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled && members.State.MemberCount == 0)
        {
            members.Import(DemoMembers.Batch(calendar.Today), time.GetUtcNow());
            LogSeeded(DemoMembers.All.Count);
        }

        if (options.Value.Enabled && staff.Count == 0)
        {
            staff.ReplaceAll(DemoStaff.All, version: null);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo mode: seeded {Count} demo members")]
    private partial void LogSeeded(int count);
}
