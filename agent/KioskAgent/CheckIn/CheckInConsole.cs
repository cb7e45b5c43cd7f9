using KioskAgent.Contracts.V1;
using KioskAgent.Journal;
using KioskAgent.Screen;
using KioskAgent.Staff;

namespace KioskAgent.CheckIn;

/// <summary>
/// What staff do on the check-in screens: the picker with the ready check, open and close an
/// activity, leave, and (supervisors) create a local activity, journaled so central learns it.
/// </summary>
public sealed partial class CheckInConsole(
    ActivityStore activities,
    CheckInDesk desk,
    CheckInReadiness readiness,
    TransactionJournal journal,
    ScreenBroadcaster screen,
    TimeProvider time,
    ILogger<CheckInConsole> logger)
{
    public ListActivitiesResponse List()
    {
        var list = new ListActivitiesResponse { CatalogVersion = activities.CatalogVersion };
        if (activities.CatalogSyncedAt is { } synced)
        {
            list.CatalogSyncedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(synced);
        }

        var now = time.GetUtcNow();
        list.Activities.AddRange(activities.All.Select(a => CheckInFeed.Summary(a, desk.CheckedIn(a.Id), now)));
        return list;
    }

    /// <summary>Shows the picker (closing any open activity).</summary>
    public void ShowPicker(StaffIdentity staff)
    {
        desk.Close();
        var picker = new CheckInPickerView { Ready = readiness.Check(null), StaffName = staff.DisplayName };
        picker.Activities.AddRange(List().Activities);
        screen.Show(new Contracts.V1.Screen { CheckInPicker = picker }, TimeSpan.Zero);
    }

    public string Open(string activityId, StaffIdentity staff) => desk.Open(activityId, staff);

    public void Leave()
    {
        desk.Close();
        screen.ShowIdle();
    }

    /// <summary>Stores the activity, then journals it; when the journal cannot record it, it is taken back.</summary>
    public async Task<(ActivityRecord? Created, string? Problem, bool JournalDown)> CreateAsync(ActivityRecord record, StaffIdentity supervisor, CancellationToken cancellationToken)
    {
        var draft = record.Clone();
        if (draft.Id.Length == 0)
        {
            draft.Id = "local-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N")[..20];
        }

        if (ActivityRecords.Problem(draft) is { } problem)
        {
            return (null, problem, false);
        }

        if (activities.Find(draft.Id) is not null)
        {
            return (null, $"activity {draft.Id} exists", false);
        }

        var created = activities.AddLocal(draft).Record;
        try
        {
            var transaction = new Transaction { ActivityCreated = new ActivityCreated { Activity = created, StaffId = supervisor.StaffId } };
            await journal.AppendAsync(transaction, "activity_created", time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (JournalUnavailableException)
        {
            activities.RemoveLocal(created.Id);
            return (null, "the journal cannot record it now", true);
        }

        LogCreated(created.Id, supervisor.StaffId);
        return (created, null, false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local activity {ActivityId} created by supervisor {StaffId}")]
    private partial void LogCreated(string activityId, string staffId);
}
