using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Rewards;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberHoldsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly RedemptionPolicy Policy = new() { ConfirmedHoldDays = 7 };

    private static RedemptionHold Hold(string tx, long points, HoldState state = HoldState.Held, bool offline = false, DateOnly? day = null, string gift = "mug", int quantity = 1, DateTimeOffset? settledAt = null, DateTimeOffset? notifiedAt = null) =>
        new($"hold-{tx}", tx, "80001001", gift, "马克杯", quantity, points, offline, day ?? Today, $"V-{tx}", Now.AddMinutes(-30), state, settledAt ?? (state == HoldState.Held ? null : Now.AddMinutes(-20)), state == HoldState.Released ? "points_insufficient" : "", notifiedAt);

    [Fact]
    public void OutstandingPoints_HeldAndConfirmedCount_ReleasedDoesNot()
    {
        var holds = new MemberHolds([Hold("a", 500), Hold("b", 300, HoldState.Confirmed), Hold("c", 1_000, HoldState.Released)]);

        Assert.Equal(800, holds.OutstandingPoints([], Now, Policy));
    }

    [Fact]
    public void OutstandingPoints_ARedemptionCentralListsAsApplied_IsNotSubtractedTwice()
    {
        var holds = new MemberHolds([Hold("a", 500, HoldState.Confirmed), Hold("b", 300, HoldState.Confirmed)]);

        Assert.Equal(300, holds.OutstandingPoints(["a"], Now, Policy));
    }

    [Fact]
    public void OutstandingPoints_AppliedByCentralBeforeItsAcknowledgementArrived_IsNotSubtracted()
    {
        // The member delta with the deduction can overtake the ack: the cache already counts it.
        var holds = new MemberHolds([Hold("a", 500, HoldState.Held)]);

        Assert.Equal(0, holds.OutstandingPoints(["a"], Now, Policy));
    }

    [Fact]
    public void OutstandingPoints_AConfirmedHoldStopsCountingAfterConfirmedHoldDays()
    {
        var settled = Now.AddDays(-7);
        var holds = new MemberHolds([Hold("a", 500, HoldState.Confirmed, settledAt: settled), Hold("b", 200, HoldState.Confirmed, settledAt: settled.AddSeconds(1))]);

        Assert.Equal(200, holds.OutstandingPoints([], Now, Policy));
    }

    [Fact]
    public void OutstandingPoints_AHeldHoldNeverExpires()
    {
        var holds = new MemberHolds([Hold("a", 500)]);

        Assert.Equal(500, holds.OutstandingPoints([], Now.AddDays(365), Policy));
    }

    [Fact]
    public void OfflinePointsOn_CountsThatDaysOfflineRedemptions_HeldOrConfirmed_NotReturnedOnes()
    {
        var holds = new MemberHolds(
        [
            Hold("a", 300, offline: true),
            Hold("b", 200, HoldState.Confirmed, offline: true),
            Hold("c", 400, HoldState.Released, offline: true),
            Hold("d", 800, offline: false),
            Hold("e", 600, offline: true, day: Today.AddDays(-1)),
        ]);

        Assert.Equal(500, holds.OfflinePointsOn(Today));
        Assert.Equal(600, holds.OfflinePointsOn(Today.AddDays(-1)));
    }

    [Fact]
    public void Redeemed_CountsPiecesOfThatGiftNotReturned()
    {
        var holds = new MemberHolds([Hold("a", 1, quantity: 2), Hold("b", 1, HoldState.Confirmed), Hold("c", 1, HoldState.Released), Hold("d", 1, gift: "pen")]);

        Assert.Equal(3, holds.Redeemed("mug"));
        Assert.Equal(1, holds.Redeemed("pen"));
        Assert.Equal(0, holds.Redeemed("tv"));
    }

    [Fact]
    public void UnnotifiedReleases_OnlyRejectedRedemptionsTheMemberWasNotToldAbout()
    {
        var holds = new MemberHolds([Hold("a", 1, HoldState.Released), Hold("b", 1, HoldState.Released, notifiedAt: Now), Hold("c", 1, HoldState.Confirmed)]);

        Assert.Equal(["a"], holds.UnnotifiedReleases().Select(h => h.TransactionId));
    }
}
