using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Members;
using KioskAgent.Rewards;
using KioskAgent.Screen;
using KioskAgent.Staff;
using Microsoft.Extensions.Options;

namespace KioskAgent.Vouchers;

/// <summary>
/// The staff voucher desk (核销): looks a voucher up (its facts → <see cref="VoucherRules"/>) and
/// marks it used once. Steps run one at a time, and a use is journaled (Transaction.voucher_use)
/// together with its <c>voucher_uses</c> row in one commit that refuses a second use, so two
/// requests or two readers at once can never both use one voucher. Every step shows its screen.
/// </summary>
public sealed partial class VoucherDesk(
    RedemptionHoldStore holds,
    VoucherUseStore uses,
    TransactionJournal journal,
    CentralVoucherCheck central,
    MemberCache members,
    SiteCalendar calendar,
    ScreenBroadcaster screen,
    VoucherCounters counters,
    IOptionsMonitor<RedemptionPolicy> redemption,
    IOptions<VoucherDeskOptions> options,
    IOptions<KioskOptions> kiosk,
    TimeProvider time,
    ILogger<VoucherDesk> logger) : IDisposable
{
    public const string TransactionKind = "voucher_use";

    private readonly SemaphoreSlim _gate = new(1, 1);

    // The voucher on show and how staff entered it (for the use's source). Read and written under _gate.
    private (string Code, string Source)? _onShow;

    private TimeSpan ClearAfter => TimeSpan.FromSeconds(options.Value.ClearAfterSeconds);

    /// <summary>True while the desk is the screen on show.</summary>
    public bool OnScreen => screen.Current.ViewCase == Contracts.V1.Screen.ViewOneofCase.VoucherDesk;

    /// <summary>Shows the empty desk (the code keypad).</summary>
    public void Open(StaffIdentity staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        Show(staff, null);
        counters.Count("opened");
    }

    /// <summary>Back to idle.</summary>
    public void Close() => screen.ShowIdle();

    /// <summary>Shows the voucher <paramref name="text"/> names; null (and a notice on the desk) when it names none.</summary>
    public async Task<VoucherCard?> LookupAsync(StaffIdentity staff, string text, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (VoucherInput.Parse(text) is not { } input)
            {
                return Invalid(staff);
            }

            var card = Decide(await FactsAsync(input, cancellationToken).ConfigureAwait(false));
            counters.Count($"lookup.{StateName(card.State)}");
            _onShow = (input.Code, source);
            Show(staff, card);
            return card;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks the voucher used when it is valid now; the card says what came of it (used_now, or why not).</summary>
    public async Task<VoucherCard?> MarkUsedAsync(StaffIdentity staff, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (VoucherInput.Parse(text) is not { } input)
            {
                return Invalid(staff);
            }

            var facts = await FactsAsync(input, cancellationToken).ConfigureAwait(false);
            var card = Decide(facts);
            if (card.State == VoucherState.Valid)
            {
                card = await UseAsync(staff, input, facts, cancellationToken).ConfigureAwait(false);
            }

            counters.Count(card.UsedNow ? "used" : $"refused.{card.ReasonCode}");
            Show(staff, card);
            return card;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<VoucherCard> UseAsync(StaffIdentity staff, VoucherInput input, VoucherFacts facts, CancellationToken cancellationToken)
    {
        var source = _onShow is { } shown && shown.Code == input.Code ? shown.Source : "typed";
        var now = time.GetUtcNow();
        var use = new VoucherUseRecord(
            VoucherCode: input.Code,
            TransactionId: "",
            RedemptionTransactionId: facts.Printed?.TransactionId ?? facts.Central?.RedemptionTransactionId ?? input.RedemptionTransactionId,
            IssuedKioskId: facts.Printed is not null ? kiosk.Value.KioskId : facts.Central?.IssuedKioskId ?? "",
            GiftCode: facts.Printed?.GiftCode ?? facts.Central?.GiftCode ?? "",
            GiftName: facts.GiftName,
            MemberNumber: facts.Printed?.MemberNumber ?? facts.Central?.MemberNumber ?? "",
            StaffId: staff.StaffId,
            StaffName: staff.DisplayName,
            UsedAt: now);
        var transaction = new Transaction
        {
            VoucherUse = new VoucherUse
            {
                VoucherCode = use.VoucherCode,
                RedemptionTransactionId = use.RedemptionTransactionId,
                IssuedKioskId = use.IssuedKioskId,
                GiftCode = use.GiftCode,
                MemberNumber = use.MemberNumber,
                StaffId = use.StaffId,
                StaffName = use.StaffName,
                Source = source,
                CheckedWithCentral = facts.Check == CentralCheck.Answered,
            },
        };
        try
        {
            var entry = await journal.AppendAsync(transaction, TransactionKind, now, (tx, e) => VoucherUseStore.Insert(tx, use with { TransactionId = e.Id }), cancellationToken).ConfigureAwait(false);
            LogUsed(use.GiftCode, staff.StaffId, source, entry.Id);
        }
        catch (VoucherAlreadyUsedException)
        {
            // Another request used it between our look and our commit: show that use.
            return Decide(facts with { UsedHere = uses.Find(input.Code) });
        }
        catch (JournalUnavailableException ex)
        {
            LogNotJournaled(ex.Message);
            var refused = Decide(facts);
            refused.ReasonCode = VoucherTexts.JournalUnavailable;
            refused.Message = VoucherTexts.For(VoucherTexts.JournalUnavailable);
            return refused;
        }

        var card = Decide(facts with { UsedHere = use });
        card.UsedNow = true;
        card.ReasonCode = "";
        card.Message = "";
        return card;
    }

    /// <summary>
    /// This kiosk's records, and central's answer when this kiosk did not print the voucher or is
    /// online (a use at another kiosk is only known to central). A voucher used here needs no question.
    /// </summary>
    private async Task<VoucherFacts> FactsAsync(VoucherInput input, CancellationToken cancellationToken)
    {
        var printed = holds.FindByVoucherCode(input.Code);
        var usedHere = uses.Find(input.Code);
        var (check, answer) = (CentralCheck.NotAsked, (VoucherAnswer?)null);
        if (usedHere is null && (printed is null || central.IsOnline))
        {
            (check, answer) = await central.AskAsync(input, TimeSpan.FromSeconds(options.Value.CentralTimeoutSeconds), cancellationToken).ConfigureAwait(false);
            if (printed is not null && check != CentralCheck.Answered)
            {
                check = CentralCheck.NotAsked;
            }
        }

        var found = answer is { Found: true } ? answer : null;
        var giftName = printed?.GiftName ?? (found is null ? "" : members.FindGift(found.GiftCode)?.Name ?? found.GiftCode);
        var memberNumber = printed?.MemberNumber ?? usedHere?.MemberNumber ?? found?.MemberNumber ?? "";
        return new VoucherFacts(input.Code, printed, usedHere, answer, check, usedHere?.GiftName is { Length: > 0 } used ? used : giftName, Masked(memberNumber));
    }

    private VoucherCard Decide(VoucherFacts facts) =>
        VoucherRules.Decide(facts, kiosk.Value.KioskId, calendar.Today, calendar.Zone, redemption.CurrentValue.VoucherValidDays);

    private string Masked(string memberNumber)
    {
        if (memberNumber.Length == 0)
        {
            return "";
        }

        var name = members.FindByMemberNumber(memberNumber)?.Name;
        return !string.IsNullOrWhiteSpace(name)
            ? PersonalDataMask.Name(name)
            : memberNumber.Length <= 4 ? new string('*', memberNumber.Length) : string.Concat("****", memberNumber.AsSpan(memberNumber.Length - 4));
    }

    private VoucherCard? Invalid(StaffIdentity staff)
    {
        counters.Count($"refused.{VoucherTexts.CodeInvalid}");
        Show(staff, null, VoucherTexts.CodeInvalid);
        return null;
    }

    private void Show(StaffIdentity staff, VoucherCard? card, string noticeCode = "")
    {
        var view = new VoucherDeskView { StaffName = staff.DisplayName, Voucher = card, NoticeCode = noticeCode, Notice = VoucherTexts.For(noticeCode) };
        screen.Show(new Contracts.V1.Screen { VoucherDesk = view }, ClearAfter);
    }

    private static string StateName(VoucherState state) => state.ToString().ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Voucher for gift {GiftCode} marked used by staff {StaffId} ({Source}), transaction {TransactionId}")]
    private partial void LogUsed(string giftCode, string staffId, string source, string transactionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A voucher use could not be journaled ({Error}); the voucher stays valid")]
    private partial void LogNotJournaled(string error);
}
