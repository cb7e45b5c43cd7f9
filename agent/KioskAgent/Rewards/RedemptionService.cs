using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.Printer.Queue;
using KioskAgent.Hardware.Printer.Receipts;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Screen;
using Microsoft.Extensions.Options;

namespace KioskAgent.Rewards;

/// <summary>
/// Points redemption at the kiosk, step by step, for the member on screen: gift list → confirm →
/// done. Confirming takes the gift from this kiosk's stock, then journals the Redemption
/// transaction together with its hold on the points in one durable commit (so the member cannot
/// spend the same points twice while central has not answered), and prints the voucher. Every step
/// shows its screen itself; steps run one at a time.
/// </summary>
public sealed partial class RedemptionService(
    MemberCache members,
    SiteCalendar calendar,
    RedemptionHoldStore holds,
    TransactionJournal journal,
    ScreenBroadcaster screen,
    RedemptionSessions sessions,
    ICentralReachability central,
    VoucherPrinting vouchers,
    RedemptionCounters counters,
    IOptionsMonitor<RedemptionPolicy> policy,
    IOptions<KioskOptions> kiosk,
    TimeProvider time,
    ILogger<RedemptionService> logger) : IDisposable
{
    public const string TransactionKind = "redemption";

    private readonly SemaphoreSlim _gate = new(1, 1);
    // Read at each use: central may change the offline policy (RemoteConfig).
    private RedemptionPolicy _policy => policy.CurrentValue;

    private TimeSpan ClearAfter => TimeSpan.FromSeconds(_policy.ClearAfterSeconds);

    /// <summary>Member screen → gift list.</summary>
    public Task<RedemptionStep> OpenGiftsAsync(string sessionId, CancellationToken cancellationToken) =>
        InSessionAsync(sessionId, cancellationToken, (session, member) =>
        {
            _confirming = null;
            ShowGiftList(session, Standing(member));
            return Task.FromResult(RedemptionStep.Done);
        });

    /// <summary>Gift list → confirmation, or the list again saying why not.</summary>
    public Task<RedemptionStep> ChooseGiftAsync(string sessionId, string giftCode, CancellationToken cancellationToken) =>
        InSessionAsync(sessionId, cancellationToken, (session, member) =>
        {
            var standing = Standing(member);
            var refusal = Check(giftCode, standing, out var gift);
            if (refusal is not null)
            {
                return Task.FromResult(Refuse(session, standing, refusal));
            }

            screen.Show(new Contracts.V1.Screen { RedemptionConfirm = RedemptionScreens.Confirm(session, standing, gift!) }, ClearAfter);
            _confirming = (session.SessionId, gift!.Code);
            return Task.FromResult(RedemptionStep.Done);
        });

    /// <summary>
    /// Confirmation → hold, transaction and voucher; or the list again saying why not. Only the
    /// gift on the confirmation screen now on show can be confirmed: the member must have seen it.
    /// </summary>
    public Task<RedemptionStep> ConfirmAsync(string sessionId, string giftCode, CancellationToken cancellationToken) =>
        InSessionAsync(sessionId, cancellationToken, (session, member) =>
        {
            if (_confirming != (session.SessionId, giftCode))
            {
                return Task.FromResult(new RedemptionStep(RedemptionTexts.NotConfirmable, "This gift was not chosen on the gift list."));
            }

            _confirming = null;
            return RedeemAsync(session, member, giftCode, cancellationToken);
        });

    /// <summary>Back to the member screen (points as they are now), or to idle when the member is done.</summary>
    public Task<RedemptionStep> LeaveAsync(string sessionId, bool finish, CancellationToken cancellationToken) =>
        InSessionAsync(sessionId, cancellationToken, (session, member) =>
        {
            _confirming = null;
            if (finish)
            {
                screen.ShowIdle();
                return Task.FromResult(RedemptionStep.Done);
            }

            var view = session.MemberView.Clone();
            view.RedemptionNotices.Clear();
            view.Points = Standing(member).AvailablePoints;
            screen.ShowMember(view);
            return Task.FromResult(RedemptionStep.Done);
        });

    public void Dispose() => _gate.Dispose();

    // The confirmation screen on show, if any: whose session, which gift. Read and written under _gate.
    private (string SessionId, string GiftCode)? _confirming;

    private async Task<RedemptionStep> InSessionAsync(string sessionId, CancellationToken cancellationToken, Func<RedemptionSession, Member, Task<RedemptionStep>> step)
    {
        if (!_policy.Enabled)
        {
            return new RedemptionStep(RedemptionTexts.RedemptionDisabled, RedemptionTexts.ForStep(RedemptionTexts.RedemptionDisabled));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = sessions.Active(sessionId);
            var member = session is null ? null : members.FindByMemberNumber(session.MemberNumber);
            return session is null || member is null ? RedemptionStep.Expired : await step(session, member).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RedemptionStep> RedeemAsync(RedemptionSession session, Member member, string giftCode, CancellationToken cancellationToken)
    {
        var standing = Standing(member);
        var refusal = Check(giftCode, standing, out var gift);
        if (refusal is not null)
        {
            return Refuse(session, standing, refusal);
        }

        if (!members.TryReserveGiftStock(gift!.Code))
        {
            return Refuse(session, standing, RedemptionRules.OutOfStock);
        }

        RedemptionHold hold;
        try
        {
            hold = await CommitAsync(session, standing, gift, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            members.ReturnGiftStock(gift.Code);
            LogCommitFailed(gift.Code, ex.GetType().Name);
            return Refuse(session, standing, RedemptionDecision.Refuse(RedemptionTexts.JournalUnavailable, RedemptionTexts.ForStep(RedemptionTexts.JournalUnavailable)));
        }

        var pointsLeft = standing.AvailablePoints - hold.Points;
        PrintAndShow(session, standing, hold, pointsLeft);
        counters.Redeemed(hold.Offline);
        LogRedeemed(hold.GiftCode, hold.Points, hold.Offline, hold.TransactionId);
        return RedemptionStep.Done with { TransactionId = hold.TransactionId };
    }

    /// <summary>Journals the transaction and its hold in one commit; returns the hold with its transaction id.</summary>
    private async Task<RedemptionHold> CommitAsync(RedemptionSession session, MemberStanding standing, Gift gift, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hold = new RedemptionHold(
            HoldId: Guid.CreateVersion7(now).ToString(),
            TransactionId: "",
            MemberNumber: session.MemberNumber,
            GiftCode: gift.Code,
            GiftName: gift.Name,
            Quantity: 1,
            Points: gift.PointsPrice,
            Offline: !standing.Online,
            SiteDay: standing.SiteDay,
            VoucherCode: NewVoucherCode(),
            CreatedAt: now);
        var transaction = new Transaction
        {
            Redemption = new Redemption
            {
                ReaderId = session.ReaderId,
                MemberNumber = hold.MemberNumber,
                GiftCode = hold.GiftCode,
                Quantity = hold.Quantity,
                Points = hold.Points,
                Offline = hold.Offline,
                VoucherCode = hold.VoucherCode,
                HoldId = hold.HoldId,
                TapTransactionId = session.SessionId,
            },
        };
        var entry = await journal.AppendAsync(transaction, TransactionKind, now, (tx, e) => RedemptionHoldStore.Insert(tx, hold with { TransactionId = e.Id }), cancellationToken).ConfigureAwait(false);
        return hold with { TransactionId = entry.Id };
    }

    private void PrintAndShow(RedemptionSession session, MemberStanding standing, RedemptionHold hold, long pointsLeft)
    {
        var zone = calendar.Zone;
        var voucher = new GiftVoucher(
            StoreName: _policy.StoreName.Length > 0 ? _policy.StoreName : kiosk.Value.SiteId,
            MaskedName: session.MemberView.MaskedName,
            GiftName: hold.GiftName,
            PointsSpent: Clamp(hold.Points),
            PointsLeft: Clamp(pointsLeft),
            VoucherCode: hold.VoucherCode,
            QrPayload: VoucherCode.QrPayload(hold.VoucherCode, hold.TransactionId),
            ValidUntil: standing.SiteDay.AddDays(_policy.VoucherValidDays),
            RedeemedAt: TimeZoneInfo.ConvertTime(hold.CreatedAt, zone));
        var job = vouchers.Print(hold.TransactionId, voucher);
        if (job.State != VoucherPrintState.Printing)
        {
            counters.Voucher(StateName(job.State));
        }
        var shown = screen.Show(DoneScreen(session, hold, pointsLeft, job.State, job.Reason), ClearAfter);
        if (job.Completion is { } completion)
        {
            _ = FollowPrintAsync(completion, shown, session, hold, pointsLeft);
        }
    }

    /// <summary>Tells the member on the done screen when the voucher printed (or could not be).</summary>
    private async Task FollowPrintAsync(Task<PrintJobResult> completion, ulong shown, RedemptionSession session, RedemptionHold hold, long pointsLeft)
    {
        var result = await completion.ConfigureAwait(false);
        var state = result.Printed ? VoucherPrintState.Printed : VoucherPrintState.Failed;
        counters.Voucher(StateName(state));
        screen.ShowIfCurrent(shown, DoneScreen(session, hold, pointsLeft, state, result.Printed ? "" : result.Reason), ClearAfter);
        LogPrinted(hold.TransactionId, result.Printed, result.Reason);
    }

    private static Contracts.V1.Screen DoneScreen(RedemptionSession session, RedemptionHold hold, long pointsLeft, VoucherPrintState state, string reason) =>
        new() { RedemptionDone = RedemptionScreens.Done(session, hold, pointsLeft, state, reason) };

    /// <summary>Null when the gift may be redeemed now; the refusal otherwise.</summary>
    private RedemptionDecision? Check(string giftCode, MemberStanding standing, out Gift? gift)
    {
        gift = string.IsNullOrEmpty(giftCode) ? null : members.FindGift(giftCode);
        if (gift is null)
        {
            return RedemptionDecision.Refuse(RedemptionTexts.GiftUnknown, RedemptionTexts.ForStep(RedemptionTexts.GiftUnknown));
        }

        var decision = standing.Decide(gift, _policy);
        return decision.Allowed ? null : decision;
    }

    private RedemptionStep Refuse(RedemptionSession session, MemberStanding standing, RedemptionDecision refusal)
    {
        counters.Refused(refusal.ReasonCode);
        ShowGiftList(session, standing, refusal.ReasonCode, refusal.Message);
        return RedemptionStep.From(refusal);
    }

    private void ShowGiftList(RedemptionSession session, MemberStanding standing, string noticeCode = "", string notice = "") =>
        screen.Show(new Contracts.V1.Screen { GiftList = RedemptionScreens.GiftList(session, standing, members.Gifts(), _policy, noticeCode, notice) }, ClearAfter);

    private MemberStanding Standing(Member member) =>
        MemberStanding.Of(member, holds.ForMember(member.MemberNumber), central.IsOnline, time.GetUtcNow(), calendar.Zone, _policy);

    private string NewVoucherCode()
    {
        Span<byte> random = stackalloc byte[VoucherCode.RandomBytes];
        string code;
        do
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(random);
            code = VoucherCode.From(random);
        }
        while (holds.VoucherCodeExists(code));

        return code;
    }

    private static string StateName(VoucherPrintState state) => state switch
    {
        VoucherPrintState.Printed => "printed",
        VoucherPrintState.Queued => "queued",
        VoucherPrintState.NoPrinter => "no_printer",
        _ => "failed",
    };

    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redeemed gift {GiftCode} for {Points} points (offline={Offline}), transaction {TransactionId}")]
    private partial void LogRedeemed(string giftCode, long points, bool offline, string transactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redemption of gift {GiftCode} could not be journaled ({Error}); stock returned, nothing held")]
    private partial void LogCommitFailed(string giftCode, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voucher of transaction {TransactionId} printed={Printed} ({Reason})")]
    private partial void LogPrinted(string transactionId, bool printed, string reason);
}
