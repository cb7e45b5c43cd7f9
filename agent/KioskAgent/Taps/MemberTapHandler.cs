using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Card;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.MemberSync.Live;
using KioskAgent.Screen;

namespace KioskAgent.Taps;

/// <summary>
/// What a tap at a member reader means: find the member, apply the card-state rule, record the tap
/// in the journal (durably, before anything is shown), then show the member (cached figures at once,
/// central's live ones if they come in time, see <see cref="LiveMemberView"/>) or the refusal.
/// </summary>
public sealed partial class MemberTapHandler(
    MemberLookup members,
    TransactionJournal journal,
    ScreenBroadcaster screen,
    LiveMemberView live,
    TapCounters counters,
    SiteCalendar calendar,
    IEnumerable<IMemberViewContributor> contributors,
    ILogger<MemberTapHandler> logger)
{
    /// <summary><see cref="CardTap.Credential"/> of a digital member card QR.</summary>
    public const string QrCredential = "qr";

    public async Task<TapOutcome> HandleAsync(Tap tap, CancellationToken cancellationToken)
    {
        var uid = tap.Card.Uid;
        var today = calendar.Today;
        var outcome = tap.Identity.Identity is { } identity
            ? Decide(() => CardAcceptance.Decide(members.Find(identity), uid.Hex, today))
            : TapRefusals.ForIdentityFailure(tap.Identity);
        return await CompleteAsync(new Presented(tap.ReaderId, uid.Hex, uid.Masked(), ""), outcome, tap.At, today, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A member QR held to a camera: the same steps as a card (acceptance, journal, screen, counters),
    /// with the QR's own acceptance rule; the journal records that a QR was used, never its token.
    /// </summary>
    public async Task<TapOutcome> HandleQrAsync(QrTap tap, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var outcome = tap.Identity.Succeeded
            ? Decide(() => QrAcceptance.Decide(members.Find(tap.Identity), today))
            : TapRefusals.ForQrCode(tap.Identity.RefusalReason);
        return await CompleteAsync(new Presented(tap.SourceId, "", tap.Identity.Masked, QrCredential), outcome, tap.At, today, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A card was seen but could not be read: record it, ask the member to tap again.</summary>
    public async Task<TapOutcome> HandleReadFailureAsync(string readerId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var outcome = TapRefusals.ForReadFailure(reason);
        if (await RecordAsync(TapTransaction(new Presented(readerId, "", "", ""), outcome), at, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return Unrecorded(readerId, "");
        }

        ShowRefusal(outcome, "", entry.Id);
        LogTap(readerId, "", false, outcome.ReasonCode, entry.Sequence);
        return outcome;
    }

    private static TapOutcome Decide(Func<TapOutcome> decide)
    {
        try
        {
            return decide();
        }
        catch (MemberDataUnavailableException)
        {
            return TapRefusals.MemberDataUnavailable();
        }
    }

    private async Task<TapOutcome> CompleteAsync(Presented presented, TapOutcome outcome, DateTimeOffset at, DateOnly today, CancellationToken cancellationToken)
    {
        if (await RecordAsync(TapTransaction(presented, outcome), at, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return Unrecorded(presented.ReaderId, presented.Masked);
        }

        if (outcome.Accepted && outcome.Member is { } m)
        {
            var view = new MemberView
            {
                MaskedName = PersonalDataMask.Name(m.Name),
                Level = members.LevelName(m.Level),
                Balance = new Money { AmountMinor = m.BalanceMinor, Currency = m.Currency },
                Points = m.Points,
                MaskedCard = presented.Masked,
                TransactionId = entry.Id,
            };
            SelfServiceView.Fill(view, SelfServiceSummary.Compose(m, members.Levels(), today));
            Contribute(presented.ReaderId, m, view);
            live.Show(m, view);
        }
        else
        {
            ShowRefusal(outcome, presented.Masked, entry.Id);
        }

        counters.Tap(presented.ReaderId, outcome.Accepted, outcome.ReasonCode);
        LogTap(presented.ReaderId, presented.Masked, outcome.Accepted, outcome.ReasonCode, entry.Sequence);
        return outcome;
    }

    /// <summary>The durable commit; null when the journal cannot record (its fault is in health).</summary>
    private async Task<JournalEntry?> RecordAsync(Transaction transaction, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            return await journal.AppendAsync(transaction, "card_tap", at, cancellationToken).ConfigureAwait(false);
        }
        catch (JournalUnavailableException ex)
        {
            LogNotRecorded(ex.Fault.Reason);
            return null;
        }
    }

    private TapOutcome Unrecorded(string readerId, string maskedCard)
    {
        var outcome = TapRefusals.Unrecorded();
        ShowRefusal(outcome, maskedCard, "");
        counters.Tap(readerId, false, outcome.ReasonCode);
        return outcome;
    }

    private void Contribute(string readerId, Member member, MemberView view)
    {
        foreach (var contributor in contributors)
        {
            try
            {
                contributor.Contribute(readerId, member, view);
            }
            catch (Exception ex)
            {
                LogContributorFailed(contributor.GetType().Name, ex);
            }
        }
    }

    private static Transaction TapTransaction(Presented presented, TapOutcome outcome) => new()
    {
        CardTap = new CardTap
        {
            ReaderId = presented.ReaderId,
            CardUid = presented.CardUid,
            Credential = presented.Credential,
            MemberNumber = outcome.Member?.MemberNumber ?? "",
            Accepted = outcome.Accepted,
            RefusalReason = outcome.ReasonCode,
        },
    };

    private void ShowRefusal(TapOutcome outcome, string maskedCard, string transactionId) =>
        screen.ShowRefusal(new RefusalView
        {
            ReasonCode = outcome.ReasonCode,
            Message = outcome.Message,
            MaskedCard = maskedCard,
            TransactionId = transactionId,
            CardFailure = outcome.CardFailure switch
            {
                CardFailureKind.Unreadable => CardFailure.Unreadable,
                CardFailureKind.NotVerified => CardFailure.NotVerified,
                _ => CardFailure.Unspecified,
            },
        });

    /// <summary>What was presented where, as the journal, the screen and the logs may show it.</summary>
    private sealed record Presented(string ReaderId, string CardUid, string Masked, string Credential);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tap refused because the journal cannot record it: {Reason}")]
    private partial void LogNotRecorded(string reason);
    [LoggerMessage(Level = LogLevel.Error, Message = "{Contributor} failed to add to the member screen; shown without it")]
    private partial void LogContributorFailed(string contributor, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tap at {ReaderId}: card {MaskedCard} accepted={Accepted} {Reason} (journal #{Sequence})")]
    private partial void LogTap(string readerId, string maskedCard, bool accepted, string reason, long sequence);
}
