using KioskAgent.Contracts.V1;
using KioskAgent.Journal;

namespace KioskAgent.Staff;

/// <summary>
/// Journals what staff do (who, what, when) as <see cref="StaffAction"/> transactions that reach
/// central like every other. Staff features call <see cref="RecordAsync"/> for each action; staff mode
/// records login, refused PINs, lockouts and logouts itself. Never a PIN, never a name: the staff id,
/// the action, its subject and outcome. A staff action also keeps the session alive.
/// </summary>
public sealed partial class StaffActions(TransactionJournal journal, TimeProvider time, ILogger<StaffActions> logger)
{
    public const string Kind = "staff_action";
    public const string Ok = "ok";
    private const int MaxText = 200;

    /// <summary>Raised after each action is journaled (staff mode counts it as activity).</summary>
    public event Action<StaffIdentity?>? Recorded;

    /// <summary>
    /// Records <paramref name="action"/> (e.g. "check_in.open") by <paramref name="staff"/> on
    /// <paramref name="subject"/>, durably, before it returns. Throws <see cref="JournalUnavailableException"/>
    /// when the journal cannot record: a feature must not go ahead with an action it could not journal.
    /// </summary>
    public Task<JournalEntry> RecordAsync(StaffIdentity staff, string action, string subject, CancellationToken cancellationToken, string outcome = Ok)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return AppendAsync(staff, staff.StaffId, action, subject, outcome, "", cancellationToken);
    }

    /// <summary>A login attempt, lockout or logout; the staff id is empty for a card not on the staff list.</summary>
    internal async Task RecordLoginAsync(StaffIdentity? staff, string action, string outcome, string readerId, CancellationToken cancellationToken)
    {
        try
        {
            await AppendAsync(staff, staff?.StaffId ?? "", action, "", outcome, readerId, cancellationToken).ConfigureAwait(false);
        }
        catch (JournalUnavailableException ex)
        {
            // The login still works (or is still refused): the journal's fault is in health already.
            LogNotJournaled(action, ex.Fault.Reason);
        }
    }

    private async Task<JournalEntry> AppendAsync(StaffIdentity? staff, string staffId, string action, string subject, string outcome, string readerId, CancellationToken cancellationToken)
    {
        var body = new StaffAction
        {
            StaffId = staffId,
            Action = Cut(action),
            Subject = Cut(subject),
            Outcome = Cut(outcome),
            ReaderId = readerId,
            Role = staff is null ? "" : StaffRoles.Name(staff.Role),
        };
        var entry = await journal.AppendAsync(new Transaction { StaffAction = body }, Kind, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogAction(staffId.Length > 0 ? staffId : "(unknown card)", body.Action, body.Subject, body.Outcome, entry.Sequence);
        Recorded?.Invoke(staff);
        return entry;
    }

    private static string Cut(string text) => text.Length > MaxText ? text[..MaxText] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff {StaffId}: {Action} {Subject} -> {Outcome} (journal #{Sequence})")]
    private partial void LogAction(string staffId, string action, string subject, string outcome, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Staff {Action} could not be journaled: {Reason}")]
    private partial void LogNotJournaled(string action, string reason);
}
