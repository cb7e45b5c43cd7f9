using KioskAgent.CheckIn;
using KioskAgent.Contracts.V1;
using KioskAgent.Screen;
using KioskAgent.Staff;

namespace KioskAgent.Draws.Running;

/// <summary>
/// The draw set-up screen: today's activities (with their check-ins, the pool a draw would take)
/// and today's draws to reopen. Creating the draw is DrawService.CreateDraw, which puts it on stage.
/// "Today" is the kiosk's local day.
/// </summary>
public sealed class DrawSetup(DrawRuntime draws, CheckInConsole checkIns, IStaffSessions staff, ScreenBroadcaster screen, TimeProvider time)
{
    /// <summary>Draws listed to reopen; older ones are reached through the DrawService.</summary>
    public const int MaxDraws = 20;

    /// <summary>Activities listed; a kiosk runs a handful a day.</summary>
    public const int MaxActivities = 50;

    public async Task<DrawSetupView> ShowAsync(CancellationToken cancellationToken)
    {
        var who = staff.Current ?? throw new DrawRefusedException(DrawRefusal.PermissionDenied, "draws are run in staff mode: log in with a staff card and PIN");
        var (dayStart, dayEnd) = Today();
        var view = new DrawSetupView { StaffName = who.DisplayName };
        view.Draws.AddRange(await draws.CloseStageForSetupAsync(dayStart, MaxDraws, cancellationToken).ConfigureAwait(false));
        view.Activities.AddRange(checkIns.List().Activities
            .Where(a => Overlaps(a.Activity, dayStart, dayEnd))
            .OrderBy(a => a.Activity.OpensAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue)
            .Take(MaxActivities)
            .Select(a => new DrawSetupActivity { ActivityId = a.Activity.Id, Name = a.Activity.Name, OpensAt = a.Activity.OpensAt, CheckedIn = a.CheckedIn }));
        screen.Show(new Contracts.V1.Screen { DrawSetup = view }, TimeSpan.Zero);
        return view;
    }

    /// <summary>An activity whose window touches today (one without a window counts as today's).</summary>
    private static bool Overlaps(ActivityRecord a, DateTimeOffset dayStart, DateTimeOffset dayEnd) =>
        (a.OpensAt is null || a.OpensAt.ToDateTimeOffset() < dayEnd) && (a.ClosesAt is null || a.ClosesAt.ToDateTimeOffset() >= dayStart);

    private (DateTimeOffset Start, DateTimeOffset End) Today()
    {
        var zone = time.LocalTimeZone;
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified);
        var start = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        return (start, start.AddDays(1));
    }
}
