using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using DeviceState = KioskAgent.Hardware.Devices.DeviceState;
using KioskAgent.Journal;
using KioskAgent.Members;

namespace KioskAgent.CheckIn;

/// <summary>
/// "Ready for the event": what staff check before doors open, from what the kiosk already knows
/// (activity store, member cache, device health, journal, clock). "fail" items stop a good event
/// (no activity, no member data, clock not set, no working reader, journal down); "warn" items can run.
/// </summary>
public sealed class CheckInReadiness(ActivityStore activities, MemberCache cache, DeviceHealthRegistry devices, TransactionJournal journal, TimeProvider time)
{
    /// <summary>Member data older than this is flagged: card states may have changed since.</summary>
    public static readonly TimeSpan StaleMemberData = TimeSpan.FromHours(24);

    /// <summary>A clock before this cannot be right (the kiosk booted without network time).</summary>
    public static readonly DateTimeOffset EarliestSaneClock = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ReadyCheck Check(string? activityId)
    {
        var now = time.GetUtcNow();
        var state = cache.State;
        var check = new ReadyCheck { MemberDataVersion = state.Version };
        if (state.SyncedAt is { } synced)
        {
            check.MemberDataSyncedAt = Timestamp.FromDateTimeOffset(synced);
        }

        check.Items.Add(ActivityData(activityId, now));
        check.Items.Add(MemberData(state, now));
        check.Items.Add(Clock(state, now));
        check.Items.Add(Readers());
        check.Items.Add(Printer());
        check.Items.Add(journal.Fault is { } fault ? Item("journal", "fail", $"cannot record: {fault.Reason}") : Item("journal", "ok", "records"));
        check.Ready = check.Items.All(i => i.State != "fail");
        return check;
    }

    private ReadyItem ActivityData(string? activityId, DateTimeOffset now)
    {
        var version = $"catalog version {activities.CatalogVersion}, {activities.All.Count} activities";
        if (string.IsNullOrEmpty(activityId))
        {
            return activities.All.Count == 0 ? Item("activity_data", "fail", "no activity known: " + version) : Item("activity_data", "ok", version);
        }

        if (activities.Find(activityId) is not { } activity)
        {
            return Item("activity_data", "fail", $"activity {activityId} not known; " + version);
        }

        return ActivityRecords.WindowState(activity.Activity, now) == "closed"
            ? Item("activity_data", "fail", $"activity {activityId} has closed; " + version)
            : Item("activity_data", "ok", version);
    }

    private static ReadyItem MemberData(MemberCacheState state, DateTimeOffset now)
    {
        if (state.Version == 0 && state.MemberCount == 0)
        {
            return Item("member_data", "fail", "no member data");
        }

        var age = state.SyncedAt is { } synced ? now - synced : (TimeSpan?)null;
        var detail = $"version {state.Version}, {state.MemberCount} members, " + (age is { } a ? $"synced {Math.Max(0, (int)a.TotalMinutes)} min ago" : "never synced");
        return age is { } known && known <= StaleMemberData ? Item("member_data", "ok", detail) : Item("member_data", "warn", detail);
    }

    private static ReadyItem Clock(MemberCacheState state, DateTimeOffset now)
    {
        if (now < EarliestSaneClock)
        {
            return Item("clock", "fail", $"clock reads {now:yyyy-MM-dd}: not set");
        }

        return state.SyncedAt is { } synced && synced - now > TimeSpan.FromMinutes(5)
            ? Item("clock", "fail", "clock is behind the member data's sync time")
            : Item("clock", "ok", now.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
    }

    private ReadyItem Readers()
    {
        var readers = devices.All.Where(d => d.Kind == "card_reader").ToList();
        var working = readers.Count(d => d.State is DeviceState.Ok or DeviceState.Degraded);
        var detail = $"{working} of {readers.Count} readers working" + string.Concat(readers.Where(d => d.State is not (DeviceState.Ok or DeviceState.Degraded)).Select(d => $"; {d.DeviceId}: {d.Reason}"));
        return working == 0 ? Item("readers", "fail", detail) : working < readers.Count ? Item("readers", "warn", detail) : Item("readers", "ok", detail);
    }

    private ReadyItem Printer()
    {
        var printers = devices.All.Where(d => d.Kind == "printer").ToList();
        if (printers.Count == 0)
        {
            return Item("printer", "ok", "no printer");
        }

        var bad = printers.FirstOrDefault(p => p.State != DeviceState.Ok);
        return bad is null ? Item("printer", "ok", "paper ok") : Item("printer", "warn", $"{bad.DeviceId}: {bad.Reason}");
    }

    private static ReadyItem Item(string code, string state, string detail) => new() { Code = code, State = state, Detail = detail };
}
