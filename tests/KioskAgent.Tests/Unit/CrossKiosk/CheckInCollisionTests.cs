using KioskAgent.Activities;
using KioskAgent.CrossKiosk;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.CrossKiosk;

[Trait("Category", TestCategories.Unit)]
public sealed class CheckInCollisionTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Ten = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));

    private static Activity Event(RepeatRule? repeat = null) => new()
    {
        Id = "evt-1",
        Window = new ActivityWindow(Ten, Ten.AddHours(20)),
        Repeat = repeat ?? RepeatRule.OncePerActivity,
    };

    private static CheckInRecord Entry(string kiosk, DateTimeOffset at, string member = "M001") => new("evt-1", member, TapDirection.Entry, at, kiosk);

    [Fact]
    public void OncePerActivity_TheSameMemberOnTwoKiosks_Collides()
    {
        Assert.True(CheckInCollision.Collides(Event(), Entry("kiosk-a", Ten), Entry("kiosk-b", Ten.AddHours(3)), Shanghai));
    }

    [Fact]
    public void TwoOfOneKiosk_OtherMembers_AndExits_NeverCollide()
    {
        Assert.False(CheckInCollision.Collides(Event(), Entry("kiosk-a", Ten), Entry("kiosk-a", Ten.AddMinutes(1)), Shanghai));
        Assert.False(CheckInCollision.Collides(Event(), Entry("kiosk-a", Ten), Entry("kiosk-b", Ten, member: "M002"), Shanghai));
        Assert.False(CheckInCollision.Collides(Event(), Entry("kiosk-a", Ten), Entry("kiosk-b", Ten) with { Direction = TapDirection.Exit }, Shanghai));
        Assert.False(CheckInCollision.Collides(Event(), Entry("kiosk-a", Ten), Entry("kiosk-b", Ten) with { ActivityId = "evt-2" }, Shanghai));
    }

    [Fact]
    public void OncePerSiteDay_CollidesOnlyOnTheSameDayAtTheSitesMidnight()
    {
        var activity = Event(RepeatRule.OncePerSiteDay);
        var lateEvening = new DateTimeOffset(2026, 12, 6, 23, 50, 0, TimeSpan.FromHours(8));

        Assert.True(CheckInCollision.Collides(activity, Entry("kiosk-a", Ten), Entry("kiosk-b", lateEvening), Shanghai));
        // 00:10 the next day in Shanghai, still 6 December in UTC.
        Assert.False(CheckInCollision.Collides(activity, Entry("kiosk-a", lateEvening), Entry("kiosk-b", lateEvening.AddMinutes(20)), Shanghai));
    }

    [Fact]
    public void Repeatable_CollidesOnlyWithinTheMinimumInterval()
    {
        var activity = Event(RepeatRule.Every(TimeSpan.FromHours(1)));

        Assert.True(CheckInCollision.Collides(activity, Entry("kiosk-a", Ten.AddMinutes(59)), Entry("kiosk-b", Ten), Shanghai));
        Assert.False(CheckInCollision.Collides(activity, Entry("kiosk-a", Ten), Entry("kiosk-b", Ten.AddHours(1)), Shanghai));
    }

    [Fact]
    public void ConflictId_IsTheSameWhicheverSideNamesIt()
    {
        Assert.Equal("0198-a|0198-b", CheckInCollision.ConflictId("0198-b", "0198-a"));
        Assert.Equal(CheckInCollision.ConflictId("x", "y"), CheckInCollision.ConflictId("y", "x"));
    }

    [Fact]
    public void Find_NamesEarlierFirst_AndSkipsTheSameTransaction()
    {
        var local = new KnownCheckIn("tx-local", "s1", Entry("kiosk-a", Ten.AddMinutes(5)) with { Provisional = true });
        var remote = new KnownCheckIn("tx-remote", "s1", Entry("kiosk-b", Ten));

        var conflicts = CheckInCollision.Find(Event(), remote, [local, remote], Shanghai, Ten.AddHours(1));

        var conflict = Assert.Single(conflicts);
        Assert.Equal("tx-local|tx-remote", conflict.ConflictId);
        Assert.Equal("kiosk-b", conflict.First.Record.KioskId);
        Assert.Equal("kiosk-a", conflict.Second.Record.KioskId);
        Assert.False(conflict.FromCentral);
    }
}
