using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Rewards;

[Trait("Category", TestCategories.Unit)]
public sealed class RedemptionScreensTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly RedemptionPolicy Policy = new();
    private static readonly RedemptionSession Session = new("tap-1", "80001001", "member-1", new MemberView { MaskedName = "王*明", TransactionId = "tap-1" });

    private static MemberStanding Standing(long points, bool online = true) =>
        MemberStanding.Of(new Member { MemberNumber = "80001001", Points = points }, new MemberHolds([]), online, Now, Shanghai, Policy);

    [Fact]
    public void GiftList_ShowsActiveGiftsCheapestFirst_GreyingThoseTheMemberCannotHave()
    {
        Gift[] gifts =
        [
            new() { Code = "tv", Name = "电视", PointsPrice = 50_000, Stock = 1 },
            new() { Code = "mug", Name = "马克杯", PointsPrice = 500, Stock = 3 },
            new() { Code = "pen", Name = "笔", PointsPrice = 100, Stock = 0 },
            new() { Code = "old", Name = "旧礼品", PointsPrice = 1, Stock = 9, Active = false },
        ];

        var view = RedemptionScreens.GiftList(Session, Standing(1_000), gifts, Policy);

        Assert.Equal(["pen", "mug", "tv"], view.Gifts.Select(g => g.Code));
        Assert.Equal([false, true, false], view.Gifts.Select(g => g.Eligible));
        Assert.Equal(["gift_out_of_stock", "", "points_insufficient"], view.Gifts.Select(g => g.ReasonCode));
        Assert.Equal(("王*明", 1_000L, false), (view.MaskedName, view.AvailablePoints, view.Offline));
    }

    [Fact]
    public void Confirm_ShowsPointsBeforeAndAfter()
    {
        var view = RedemptionScreens.Confirm(Session, Standing(1_000), new Gift { Code = "mug", Name = "马克杯", PointsPrice = 500, Stock = 3 });

        Assert.Equal((1_000L, 500L), (view.PointsBefore, view.PointsAfter));
    }

    [Fact]
    public void Notice_SaysWhatWasNotConfirmed_OnWhichSiteDay_Why_AndThatThePointsCameBack()
    {
        // 17:00 UTC is already 23 November in Shanghai.
        var hold = new RedemptionHold("h", "tx", "80001001", "mug", "马克杯", 1, 1_500, false, new DateOnly(2026, 11, 23), "K7QX-4MRD", Now, HoldState.Released, Now, "gift_out_of_stock");

        var notice = RedemptionScreens.Notice(hold, Shanghai);

        Assert.Equal(1_500, notice.PointsReturned);
        Assert.Contains("2026-11-23", notice.Message, StringComparison.Ordinal);
        Assert.Contains("马克杯", notice.Message, StringComparison.Ordinal);
        Assert.Contains("礼品已兑完", notice.Message, StringComparison.Ordinal);
        Assert.Contains("1,500 积分已退回", notice.Message, StringComparison.Ordinal);
        Assert.Contains("was not confirmed: the gift is out of stock. 1,500 points were returned.", notice.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VoucherPrintState.Printed, "请取走")]
    [InlineData(VoucherPrintState.Queued, "缺纸")]
    [InlineData(VoucherPrintState.NoPrinter, "K7QX-4MRD")]
    public void Done_TellsTheMemberWhatHappensToTheVoucher(VoucherPrintState state, string expected)
    {
        var hold = new RedemptionHold("h", "tx", "80001001", "mug", "马克杯", 1, 500, false, new DateOnly(2026, 11, 23), "K7QX-4MRD", Now);

        var view = RedemptionScreens.Done(Session, hold, 500, state, state == VoucherPrintState.Queued ? "paper_end" : "");

        Assert.Contains(expected, view.PrintMessage, StringComparison.Ordinal);
        Assert.Equal(("K7QX-4MRD", "tx", 500L), (view.VoucherCode, view.TransactionId, view.PointsLeft));
    }
}
