using KioskAgent.Activities;
using KioskAgent.Contracts.V1;

namespace KioskAgent.CheckIn;

/// <summary>An activity this kiosk knows: as it came (central's or a supervisor's record) and as the rule engine reads it.</summary>
public sealed record KnownActivity(ActivityRecord Record, Activity Activity)
{
    public string Id => Activity.Id;

    public static KnownActivity From(ActivityRecord record) => new(record, ActivityRecords.ToActivity(record));
}
