using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;
using KioskAgent.Vouchers;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class VoucherRulesTests
{
    private const string Here = "kiosk-a";
    private const int ValidDays = 30;
    private static readonly DateTimeOffset PrintedAt = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly PrintedDay = new(2026, 12, 1);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void PrintedHere_NotUsed_IsValid_WithoutCentral()
    {
        var card = Decide(Facts(printed: Hold()), PrintedDay.AddDays(3));

        Assert.Equal(VoucherState.Valid, card.State);
        Assert.Equal("", card.ReasonCode);
        Assert.Equal(Here, card.IssuedKioskId);
        Assert.Equal("2026-12-31", card.ValidUntil);
        Assert.False(card.CheckedWithCentral);
    }

    [Fact]
    public void UsedHere_IsUsed_WithWhenWhereAndWho()
    {
        var usedAt = PrintedAt.AddHours(5);
        var card = Decide(Facts(printed: Hold(), usedHere: Use(usedAt)), PrintedDay);

        Assert.Equal(VoucherState.Used, card.State);
        Assert.Equal(VoucherTexts.Used, card.ReasonCode);
        Assert.Equal(Timestamp.FromDateTimeOffset(usedAt), card.UsedAt);
        Assert.Equal(Here, card.UsedKioskId);
        Assert.Equal("Wang Fang", card.UsedBy);
    }

    [Fact]
    public void UsedElsewhere_AsCentralSays_IsUsed_AtThatKiosk_EvenWhenPrintedHere()
    {
        var answer = Answer(found: true);
        answer.UsedAt = Timestamp.FromDateTimeOffset(PrintedAt.AddHours(1));
        answer.UsedKioskId = "kiosk-b";
        answer.UsedBy = "Li Lei";

        var card = Decide(Facts(printed: Hold(), central: answer, check: CentralCheck.Answered), PrintedDay);

        Assert.Equal(VoucherState.Used, card.State);
        Assert.Equal("kiosk-b", card.UsedKioskId);
        Assert.Equal("Li Lei", card.UsedBy);
        Assert.True(card.CheckedWithCentral);
    }

    [Fact]
    public void AUsedVoucher_IsUsed_BeforeItIsRejectedOrExpired()
    {
        var card = Decide(Facts(printed: Hold(HoldState.Released), usedHere: Use(PrintedAt)), PrintedDay.AddDays(400));

        Assert.Equal(VoucherState.Used, card.State);
    }

    [Fact]
    public void ARedemptionCentralRejected_IsRejected()
    {
        Assert.Equal(VoucherState.Rejected, Decide(Facts(printed: Hold(HoldState.Released)), PrintedDay).State);
        var answer = Answer(found: true);
        answer.Rejected = true;
        Assert.Equal(VoucherState.Rejected, Decide(Facts(central: answer, check: CentralCheck.Answered), PrintedDay).State);
    }

    [Theory]
    [InlineData(30, VoucherState.Valid)]
    [InlineData(31, VoucherState.Expired)]
    public void TheLastValidDay_IsThePrintedDayPlusTheValidDays(int daysLater, VoucherState expected)
    {
        Assert.Equal(expected, Decide(Facts(printed: Hold()), PrintedDay.AddDays(daysLater)).State);
    }

    [Fact]
    public void AVoucherFromElsewhere_TakesItsValidityFromCentral_InTheSitesCalendar()
    {
        // 2026-12-01 20:00 UTC is already 2 December in Shanghai.
        var answer = Answer(found: true);
        answer.IssuedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero));
        var card = Decide(Facts(central: answer, check: CentralCheck.Answered), PrintedDay);

        Assert.Equal(VoucherState.Valid, card.State);
        Assert.Equal("2027-01-01", card.ValidUntil);
        Assert.Equal("kiosk-b", card.IssuedKioskId);
    }

    [Fact]
    public void AVoucherNobodyPrinted_IsUnknown()
    {
        Assert.Equal(VoucherState.Unknown, Decide(Facts(central: Answer(found: false), check: CentralCheck.Answered), PrintedDay).State);
    }

    [Theory]
    [InlineData(CentralCheck.Offline, VoucherTexts.CentralOffline)]
    [InlineData(CentralCheck.NoAnswer, VoucherTexts.CentralNoAnswer)]
    public void AVoucherFromElsewhere_WithoutCentral_CannotBeCheckedNow(CentralCheck check, string reason)
    {
        var card = Decide(Facts(check: check), PrintedDay);

        Assert.Equal(VoucherState.Uncheckable, card.State);
        Assert.Equal(reason, card.ReasonCode);
        Assert.Contains("offline", VoucherTexts.For(VoucherTexts.CentralOffline), StringComparison.Ordinal);
    }

    private static VoucherCard Decide(VoucherFacts facts, DateOnly today) => VoucherRules.Decide(facts, Here, today, Shanghai, ValidDays);

    private static VoucherFacts Facts(RedemptionHold? printed = null, VoucherUseRecord? usedHere = null, VoucherAnswer? central = null, CentralCheck check = CentralCheck.NotAsked) =>
        new("K7QX-4MRD", printed, usedHere, central, check, "Mug", "王*");

    private static RedemptionHold Hold(HoldState state = HoldState.Held) =>
        new("h1", "tx-1", "80001001", "mug", "Mug", 1, 800, false, PrintedDay, "K7QX-4MRD", PrintedAt, state);

    private static VoucherUseRecord Use(DateTimeOffset at) =>
        new("K7QX-4MRD", "tx-use", "tx-1", Here, "mug", "Mug", "80001001", "s1", "Wang Fang", at);

    private static VoucherAnswer Answer(bool found) => found
        ? new VoucherAnswer { VoucherCode = "K7QX-4MRD", Found = true, IssuedAt = Timestamp.FromDateTimeOffset(PrintedAt), IssuedKioskId = "kiosk-b", GiftCode = "mug" }
        : new VoucherAnswer { VoucherCode = "K7QX-4MRD" };
}
