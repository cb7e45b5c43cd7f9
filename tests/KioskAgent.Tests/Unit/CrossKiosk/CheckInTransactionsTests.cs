using Google.Protobuf.WellKnownTypes;
using KioskAgent.Central.CheckIns;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.CrossKiosk;

/// <summary>What the reference central relays of a kiosk's check-in transactions: accepted ones only, as they were decided.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CheckInTransactionsTests
{
    private static Transaction CheckIn(string outcome, string direction = "entry", bool provisional = false) => new()
    {
        Id = "019ae3c1-5b2a-7c3d-8e4f-5a6b7c8d9e0f",
        SiteId = "s1",
        KioskId = "kiosk-a",
        Sequence = 7,
        OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 6, 2, 5, 0, TimeSpan.Zero)),
        CheckIn = new ActivityCheckIn { ActivityId = "evt-1", MemberNumber = "80001001", Outcome = outcome, Direction = direction, Provisional = provisional, ShortCode = "K7QX" },
    };

    [Fact]
    public void AnAcceptedCheckIn_IsRelayedAsDecided()
    {
        var relayed = CheckInTransactions.Accepted(CheckIn("accepted", provisional: true));

        Assert.NotNull(relayed);
        Assert.Equal("019ae3c1-5b2a-7c3d-8e4f-5a6b7c8d9e0f", relayed.TransactionId);
        Assert.Equal(("evt-1", "80001001", "s1", "kiosk-a", "K7QX"), (relayed.ActivityId, relayed.MemberNumber, relayed.SiteId, relayed.KioskId, relayed.ShortCode));
        Assert.True(relayed.Provisional);
        Assert.False(relayed.Exit);
        Assert.True(CheckInTransactions.Accepted(CheckIn("accepted", direction: "exit"))!.Exit);
    }

    [Fact]
    public void RefusedTaps_AndOtherTransactions_AreNotRelayed()
    {
        Assert.Null(CheckInTransactions.Accepted(CheckIn("already_checked_in")));
        Assert.Null(CheckInTransactions.Accepted(CheckIn("unknown_card")));
        Assert.Null(CheckInTransactions.Accepted(new Transaction { Id = "x", OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch), CardTap = new CardTap() }));
    }
}
