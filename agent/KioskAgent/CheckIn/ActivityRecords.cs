using KioskAgent.Activities;
using KioskAgent.Contracts.V1;

namespace KioskAgent.CheckIn;

/// <summary>
/// Between the wire's <see cref="ActivityRecord"/> and the rule engine's <see cref="Activity"/>, with
/// the checks a record must pass before a kiosk runs check-in for it (a bad one is refused whole).
/// </summary>
public static class ActivityRecords
{
    public const string CentralSource = "central";
    public const string LocalSource = "local";

    /// <summary>The problem with <paramref name="record"/>, or null when it can run.</summary>
    public static string? Problem(ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Hosting.KioskOptions.IsValidId(record.Id))
        {
            return "id must be 1-64 letters, digits, '-', '_' or '.'";
        }

        if (record.OpensAt is null || record.ClosesAt is null || record.ClosesAt.ToDateTimeOffset() <= record.OpensAt.ToDateTimeOffset())
        {
            return "opens_at and closes_at are required, closes_at after opens_at";
        }

        if (record.Name.Length > 200)
        {
            return "name is longer than 200 characters";
        }

        return record.Repeat == RepeatKindRecord.Repeatable && record.RepeatMinIntervalSeconds == 0
            ? "a repeatable activity needs repeat_min_interval_seconds"
            : null;
    }

    public static Activity ToActivity(ActivityRecord record) => new()
    {
        Id = record.Id,
        Name = record.Name,
        Window = new ActivityWindow(
            record.OpensAt.ToDateTimeOffset(),
            record.ClosesAt.ToDateTimeOffset(),
            TimeSpan.FromSeconds(record.EarlyToleranceSeconds),
            TimeSpan.FromSeconds(record.LateToleranceSeconds)),
        Repeat = record.Repeat switch
        {
            RepeatKindRecord.OncePerSiteDay => RepeatRule.OncePerSiteDay,
            RepeatKindRecord.Repeatable => RepeatRule.Every(TimeSpan.FromSeconds(record.RepeatMinIntervalSeconds)),
            _ => RepeatRule.OncePerActivity,
        },
        Attendance = record.Attendance == AttendanceKind.EntryAndExit ? AttendanceMode.EntryAndExit : AttendanceMode.EntryOnly,
        Eligibility = new ActivityEligibility
        {
            Levels = record.EligibleLevels.ToHashSet(StringComparer.Ordinal),
            Tags = record.EligibleTags.ToHashSet(StringComparer.Ordinal),
            CardTypes = record.EligibleCardTypes.ToHashSet(StringComparer.Ordinal),
            Invited = record.InvitedMemberNumbers.ToHashSet(StringComparer.Ordinal),
            DrawnInDraw = record.DrawnInDraw.Length == 0 ? null : record.DrawnInDraw,
            DrawAdmitFirst = (int)Math.Min(record.DrawnAdmitFirst, int.MaxValue),
        },
        Capacity = record.Capacity == 0 ? null : (int)Math.Min(record.Capacity, int.MaxValue),
        Points = record.Points,
    };

    /// <summary>"open", "not_yet" or "closed" at <paramref name="now"/>.</summary>
    public static string WindowState(Activity activity, DateTimeOffset now) =>
        now < activity.Window.AcceptsFrom ? "not_yet" : now >= activity.Window.AcceptsUntil ? "closed" : "open";
}
