using KioskAgent.Activities;
using KioskAgent.Camera;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using KioskAgent.Staff;
using KioskAgent.Taps;
using Microsoft.Extensions.Options;

namespace KioskAgent.CheckIn;

/// <summary>
/// The check-in runtime. While an activity is open it holds the member readers (and member QR codes)
/// through the <see cref="StaffTapRouter"/>; each tap is identified, decided by <see cref="CheckInRules"/>
/// (card validity before duplicates), journaled durably as an ActivityCheckIn transaction and only
/// then shown (staff feed, customer display and signals follow the screen). Taps of one activity are
/// decided one at a time under its lock, so the same card on two readers counts once; the durable
/// commits run outside the lock and are grouped (<see cref="TransactionJournal.AppendGroupedAsync"/>),
/// so readers never wait for each other's fsync. An acceptance whose commit fails is taken back.
/// An activity that admits by a draw (选房) asks <see cref="IDrawStandings"/> before each tap; without
/// one (a desk built without draws) no draw is ever held.
/// </summary>
public sealed partial class CheckInDesk(
    CheckInRules rules,
    ActivityStore activities,
    CheckInLedgerStore ledger,
    TransactionJournal journal,
    MemberLookup members,
    MemberCache cache,
    ScreenBroadcaster screen,
    StaffTapRouter router,
    ICentralReachability reachability,
    SiteCalendar calendar,
    CheckInSnapshots snapshots,
    IOptions<CheckInOptions> options,
    IOptions<KioskOptions> kiosk,
    TimeProvider time,
    ILogger<CheckInDesk> logger,
    IDrawStandings? standings = null) : IStaffTapConsumer, IStaffQrTapConsumer
{
    public const string TransactionKind = "check_in";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActivityAttendance> _attendance = new(StringComparer.Ordinal);
    private readonly FeedWatchers _watchers = new();
    private CheckInSession? _session;
    private RelayState _relay = RelayState.None;

    public string Name => "check_in";

    /// <summary>The activity open now; null when none is.</summary>
    public CheckInSession? Session => Volatile.Read(ref _session);

    /// <summary>Opens <paramref name="activityId"/> for check-in (closing any other) and takes the member readers.</summary>
    public string Open(string activityId, StaffIdentity staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (activities.Find(activityId) is not { } activity)
        {
            return "no_such_activity";
        }

        Close();
        var session = new CheckInSession(activity, staff, AttendanceOf(activityId), router.Take(this));
        Volatile.Write(ref _session, session);
        LogOpened(activityId, staff.StaffId);
        Publish(session);
        return "ok";
    }

    /// <summary>Closes the open activity; member taps go back to self-service.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _session, null) is { } closed)
        {
            closed.Claim.Dispose();
            LogClosed(closed.Activity.Id);
        }
    }

    /// <summary>Accepted check-ins known for an activity (for the picker).</summary>
    public int CheckedIn(string activityId)
    {
        var attendance = AttendanceOf(activityId);
        lock (attendance)
        {
            return attendance.Attended;
        }
    }

    /// <summary>
    /// The accepted check-ins of an activity known here, with their short codes: this kiosk's (from
    /// the journal) and those central relayed from other kiosks since the agent started.
    /// </summary>
    public IReadOnlyList<(CheckInRecord Record, string ShortCode)> Accepted(string activityId)
    {
        var attendance = AttendanceOf(activityId);
        lock (attendance)
        {
            return [.. attendance.Coded];
        }
    }

    /// <summary>
    /// A check-in another kiosk made (relayed by central): the rules take it into account from now on.
    /// For the cross-kiosk relay; a record already known is the caller's to skip.
    /// </summary>
    public void Remember(CheckInRecord record, string shortCode)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attendance = AttendanceOf(record.ActivityId);
        lock (attendance)
        {
            attendance.Add(record, shortCode);
        }
    }

    /// <summary>The relay's conflicts and freshness, for the staff screen.</summary>
    public void SetRelayState(RelayState relay)
    {
        Volatile.Write(ref _relay, relay);
        if (Session is { } session)
        {
            Publish(session);
        }
    }

    /// <summary>The open activity's feed now, then at every change, until cancelled.</summary>
    public IAsyncEnumerable<CheckInFeedView> WatchAsync(CancellationToken cancellationToken) =>
        _watchers.WatchAsync(() => Session is { } s ? ViewOf(s) : null, cancellationToken);

    public Task HandleTapAsync(Tap tap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tap);
        var masked = tap.Card.Uid.Masked();
        if (tap.Identity.Identity is not { } identity)
        {
            var refusal = TapRefusals.ForIdentityFailure(tap.Identity).Message;
            return DecideAsync(new TapInput(tap.ReaderId, tap.At, null, tap.Card.Uid.Hex, tap.Card.Uid.Hex, masked, "", refusal), cancellationToken);
        }

        var (member, unavailable) = Find(() => members.Find(identity));
        var input = new TapInput(tap.ReaderId, tap.At, member, identity.Uid.Hex, identity.Uid.Hex, masked, "", unavailable);
        return DecideAsync(input, cancellationToken);
    }

    public Task HandleQrAsync(QrTap tap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tap);
        if (!tap.Identity.Succeeded)
        {
            return DecideAsync(new TapInput(tap.SourceId, tap.At, null, "", "", tap.Identity.Masked, MemberTapHandler.QrCredential, TapRefusals.ForQrCode(tap.Identity.RefusalReason).Message), cancellationToken);
        }

        var (member, unavailable) = Find(() => members.Find(tap.Identity));
        // The rules judge a card: a digital card stands for the member's own cards, the first active one if any.
        var card = member?.Cards.OrderBy(c => c.State == CardState.Active ? 0 : 1).FirstOrDefault();
        var cardKey = card is null ? "" : card.Uid.Length > 0 ? card.Uid : card.Number;
        return DecideAsync(new TapInput(tap.SourceId, tap.At, member, cardKey, "", tap.Identity.Masked, MemberTapHandler.QrCredential, unavailable), cancellationToken);
    }

    private async Task DecideAsync(TapInput input, CancellationToken cancellationToken)
    {
        if (Session is not { } session)
        {
            return;
        }

        var standing = await StandingAsync(session, input, cancellationToken).ConfigureAwait(false);
        var decided = Decide(session, input, standing);
        var line = decided.Line;
        JournalEntry? entry = null;
        try
        {
            entry = await decided.Commit.ConfigureAwait(false);
            line.TransactionId = entry.Id;
        }
        catch (JournalUnavailableException ex)
        {
            LogNotRecorded(ex.Fault.Reason);
            line = NotRecorded(session, decided, input);
        }

        lock (session.Attendance)
        {
            session.Recent.AddFirst(line);
            while (session.Recent.Count > options.Value.FeedLength)
            {
                session.Recent.RemoveLast();
            }
        }

        Publish(session);
        LogTap(input.ReaderId, input.MaskedCard, line.Outcome, entry?.Sequence ?? 0);
        if (entry is not null && decided.Record is not null && session.Activity.Record.Snapshot && snapshots.Available)
        {
            // Evidence only: the check-in stands whether or not the still is saved (its result is logged and counted).
            _ = snapshots.TakeAsync(entry.Id, CancellationToken.None);
        }
    }

    /// <summary>
    /// For an activity that admits by a draw (选房): where the member stands in its revealed result,
    /// asked before the activity's lock (the draw does not change between two taps of one member).
    /// </summary>
    private async Task<DrawStanding> StandingAsync(CheckInSession session, TapInput input, CancellationToken cancellationToken)
    {
        var eligibility = session.Activity.Activity.Eligibility;
        return eligibility.DrawnInDraw is { } drawId && input.Member is { } member && standings is not null
            ? await standings.OfAsync(drawId, member, eligibility.DrawAdmitFirst, cancellationToken).ConfigureAwait(false)
            : DrawStanding.NotHeld;
    }

    /// <summary>Under the activity's lock: decide, count, and queue the durable commit (awaited outside the lock).</summary>
    private Decided Decide(CheckInSession session, TapInput input, DrawStanding standing)
    {
        var activity = session.Activity;
        var attendance = session.Attendance;
        lock (attendance)
        {
            attendance.Tapped();
            var direction = activity.Activity.Attendance == AttendanceMode.EntryAndExit && options.Value.ExitReaders.Contains(input.ReaderId, StringComparer.Ordinal)
                ? TapDirection.Exit
                : TapDirection.Entry;
            var decision = input.Failure is { } failure
                ? new CheckInDecision { Outcome = CheckInOutcome.UnknownCard, Reason = failure, Detail = "card not read or not verified", Direction = direction }
                : rules.Decide(new CheckInRequest
                {
                    Activity = activity.Activity,
                    Member = input.Member,
                    Card = input.Card,
                    Direction = direction,
                    History = input.Member is null ? [] : activity.Activity.Capacity is null ? attendance.Of(input.Member.MemberNumber) : attendance.All,
                    SiteZone = calendar.Zone,
                    CutOff = !reachability.IsOnline,
                    DrawStanding = standing,
                });
            var outcome = input.Failure is null ? CheckInOutcomeCodes.Of(decision.Outcome) : CheckInOutcomeCodes.CardUnreadable;
            CheckInRecord? record = null;
            var code = "";
            if (decision.IsAccepted)
            {
                record = new CheckInRecord(activity.Id, input.Member!.MemberNumber, decision.Direction, input.At, kiosk.Value.KioskId, decision.Provisional);
                code = ShortCodes.New(attendance.HasCode);
                attendance.Add(record, code);
            }
            else
            {
                attendance.CountRefusal(outcome);
            }

            var transaction = new Transaction
            {
                CheckIn = new ActivityCheckIn
                {
                    ActivityId = activity.Id,
                    MemberNumber = input.Member?.MemberNumber ?? "",
                    CardUid = input.CardUid,
                    Outcome = outcome,
                    Reason = decision.Detail,
                    Direction = CheckInOutcomeCodes.Of(decision.Direction),
                    ReaderId = input.ReaderId,
                    Provisional = decision.Provisional,
                    ShortCode = code,
                    Points = decision.IsAccepted && decision.Direction == TapDirection.Entry ? decision.Points : 0,
                    StaffId = session.Staff.StaffId,
                    Credential = input.Credential,
                    Snapshot = record is not null && activity.Record.Snapshot && snapshots.Available,
                },
            };
            var commit = journal.AppendGroupedAsync(
                transaction,
                TransactionKind,
                input.At,
                record is null ? null : (tx, entry) => CheckInLedgerStore.Insert(tx, entry.Id, record, code));
            var line = new CheckInFeedLine
            {
                At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(input.At),
                ReaderId = input.ReaderId,
                MaskedCard = input.MaskedCard,
                Outcome = outcome,
                Reason = decision.Reason,
                Detail = decision.Detail,
                Direction = CheckInOutcomeCodes.Of(decision.Direction),
                Provisional = decision.Provisional,
                ShortCode = code,
            };
            return new Decided(commit, line, record, code, outcome);
        }
    }

    /// <summary>The commit failed: an acceptance is taken back (the attendee taps again), the refusal count moves to "not recorded".</summary>
    private static CheckInFeedLine NotRecorded(CheckInSession session, Decided decided, TapInput input)
    {
        lock (session.Attendance)
        {
            if (decided.Record is { } record)
            {
                session.Attendance.Remove(record, decided.Code);
            }
            else
            {
                session.Attendance.CountRefusal(decided.Outcome, -1);
            }

            session.Attendance.CountRefusal(CheckInOutcomeCodes.NotRecorded);
        }

        return new CheckInFeedLine
        {
            At = decided.Line.At,
            ReaderId = input.ReaderId,
            MaskedCard = input.MaskedCard,
            Outcome = CheckInOutcomeCodes.NotRecorded,
            Reason = CheckInTexts.NotRecorded,
            Detail = "the journal cannot record taps now (see health)",
            Direction = decided.Line.Direction,
        };
    }

    private void Publish(CheckInSession session)
    {
        // Taps, the relay and the link publish from their own threads: a view is computed and
        // handed on under one lock, so a newer view never arrives before an older one.
        lock (session.Attendance)
        {
            var view = View(session);
            if (ReferenceEquals(Session, session))
            {
                screen.Show(new Contracts.V1.Screen { CheckInFeed = view }, TimeSpan.Zero);
            }

            _watchers.Publish(view);
        }
    }

    private CheckInFeedView ViewOf(CheckInSession session)
    {
        lock (session.Attendance)
        {
            return View(session);
        }
    }

    private CheckInFeedView View(CheckInSession session) =>
        CheckInFeed.View(session, time.GetUtcNow(), cache.State.SyncedAt, !reachability.IsOnline, Volatile.Read(ref _relay));

    private ActivityAttendance AttendanceOf(string activityId)
    {
        lock (_gate)
        {
            if (!_attendance.TryGetValue(activityId, out var attendance))
            {
                attendance = new ActivityAttendance(activityId);
                foreach (var (record, code) in ledger.Load(activityId))
                {
                    attendance.Add(record, code);
                }

                _attendance[activityId] = attendance;
            }

            return attendance;
        }
    }

    private static (Member? Member, string? Unavailable) Find(Func<Member?> find)
    {
        try
        {
            return (find(), null);
        }
        catch (MemberDataUnavailableException)
        {
            return (null, TapRefusals.MemberDataUnavailable().Message);
        }
    }

    private sealed record Decided(Task<JournalEntry> Commit, CheckInFeedLine Line, CheckInRecord? Record, string Code, string Outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in for activity {ActivityId} opened by staff {StaffId}")]
    private partial void LogOpened(string activityId, string staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in for activity {ActivityId} closed")]
    private partial void LogClosed(string activityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in tap at {ReaderId}: card {MaskedCard} {Outcome} (journal #{Sequence})")]
    private partial void LogTap(string readerId, string maskedCard, string outcome, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Check-in tap refused because the journal cannot record it: {Reason}")]
    private partial void LogNotRecorded(string reason);
}
