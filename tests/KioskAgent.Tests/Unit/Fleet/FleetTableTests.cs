using KioskAgent.Central.Fleet;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Fleet;

[Trait("Category", TestCategories.Unit)]
public sealed class FleetTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SilentAfter = TimeSpan.FromSeconds(90);

    private static FleetKiosk Kiosk(string site, string kiosk, OnlineState presence = OnlineState.Online, double seenSecondsAgo = 5, params DeviceProblem[] problems) =>
        new(site, kiosk)
        {
            Presence = presence,
            StateReason = presence == OnlineState.Offline ? "connection_lost" : "connected",
            LastSeen = Now.AddSeconds(-seenSecondsAgo),
            AgentVersion = "0.1.0",
            HasHealth = true,
            OutboxPending = 2,
            RefusedTaps = 1,
            Problems = problems,
        };

    private static readonly DeviceProblem PaperEnd = new("receipt-printer", "printer", DeviceProblemLevel.Fault, "paper_end");

    [Fact]
    public void Render_ShowsHeaderOneLinePerKioskAndTheSummary()
    {
        FleetKiosk[] fleet = [Kiosk("s1", "k1"), Kiosk("s1", "k2", problems: PaperEnd), Kiosk("s2", "k3", OnlineState.Offline, 600)];

        var lines = FleetTable.Render(fleet, fleet, Now, SilentAfter);

        Assert.Equal(5, lines.Count);
        Assert.StartsWith("SITE", lines[0], StringComparison.Ordinal);
        Assert.Equal(["s1", "k1", "online", "5s", "0.1.0", "2", "-", "-", "1", "0"], Words(lines[1]));
        Assert.EndsWith("receipt-printer paper_end", lines[2], StringComparison.Ordinal);
        Assert.Equal(["s2", "k3", "offline", "10m00s"], Words(lines[3])[..4]);
        Assert.EndsWith("connection_lost", lines[3], StringComparison.Ordinal);
        Assert.Equal("3 kiosks, 2 online, 1 offline, 1 with faults, backlog 6", lines[4]);
    }

    [Fact]
    public void Render_ColumnsLineUp()
    {
        FleetKiosk[] fleet = [Kiosk("a-long-site-name", "k1"), Kiosk("s", "kiosk-with-a-long-id")];

        var lines = FleetTable.Render(fleet, fleet, Now, SilentAfter);

        var stateColumn = lines[0].IndexOf("STATE", StringComparison.Ordinal);
        Assert.All(lines.Skip(1).Take(2), l => Assert.Equal("online", l[stateColumn..].Split(' ')[0]));
    }

    [Fact]
    public void Render_OnlineKioskNotHeardFromForTooLong_IsSilent_AndCountedInTheSummary()
    {
        FleetKiosk[] fleet = [Kiosk("s1", "k1", seenSecondsAgo: 300)];

        var lines = FleetTable.Render(fleet, fleet, Now, SilentAfter);

        Assert.Equal("silent", Words(lines[1])[2]);
        Assert.Equal("1 kiosks, 1 online (1 silent), 0 offline, 0 with faults, backlog 2", lines[^1]);
    }

    [Fact]
    public void Render_MoreRowsThanAllowed_SaysHowManyMore_AndSummarisesTheWholeFleet()
    {
        var fleet = Enumerable.Range(1, 10).Select(i => Kiosk("s1", $"k{i:00}")).ToList();

        var lines = FleetTable.Render(fleet, fleet, Now, SilentAfter, maxRows: 3);

        Assert.Equal(6, lines.Count);
        Assert.Equal("... 7 more", lines[4]);
        Assert.StartsWith("10 kiosks, 10 online", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Sync_ShowsTheMemberDataVersionAndItsAge()
    {
        FleetKiosk[] fleet = [Kiosk("s1", "k1") with { SyncVersion = 812, SyncAt = Now.AddSeconds(-12) }];

        var line = FleetTable.Render(fleet, fleet, Now, SilentAfter)[1];

        Assert.Contains("  v812 12s  ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JournalFaultAndOutboxAlarm_ComeFirstInProblems_WithTheOldestPendingAge()
    {
        FleetKiosk[] fleet = [Kiosk("s1", "k1", problems: PaperEnd) with { JournalFault = "disk_full", OutboxAlarm = true, OutboxOldestAt = Now.AddMinutes(-20) }];

        var lines = FleetTable.Render(fleet, fleet, Now, SilentAfter);

        Assert.EndsWith("journal disk_full; outbox_alarm; receipt-printer paper_end", lines[1], StringComparison.Ordinal);
        Assert.Equal("20m00s", Words(lines[1])[6]);
        Assert.Contains("1 with faults", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_KioskWithoutHealth_ShowsDashes()
    {
        FleetKiosk[] fleet = [new FleetKiosk("s1", "k1") { Presence = OnlineState.Online, LastSeen = Now }];

        var words = Words(FleetTable.Render(fleet, fleet, Now, SilentAfter)[1]);

        Assert.Equal(["s1", "k1", "online", "0s", "-", "-", "-", "-", "-", "-"], words);
    }

    [Fact]
    public void Summary_WithOldestPendingTransaction_SaysHowOld()
    {
        FleetKiosk[] fleet = [Kiosk("s1", "k1") with { OutboxOldestAt = Now.AddMinutes(-3) }, Kiosk("s1", "k2") with { OutboxOldestAt = Now.AddSeconds(-40) }];

        Assert.EndsWith("backlog 4 (oldest 3m00s)", FleetSummary.Of(fleet, Now, SilentAfter).Format(Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Query_FaultsOnly_KeepsKiosksWithAFaultyOrAbsentDevice()
    {
        var absent = new DeviceProblem("member-1", "card_reader", DeviceProblemLevel.Absent, "");
        var degraded = new DeviceProblem("receipt-printer", "printer", DeviceProblemLevel.Degraded, "paper_near_end");
        FleetKiosk[] fleet = [Kiosk("s1", "k1"), Kiosk("s1", "k2", problems: PaperEnd), Kiosk("s1", "k3", problems: absent), Kiosk("s1", "k4", problems: degraded)];

        var rows = new FleetQuery { FaultsOnly = true }.Apply(fleet, Now);

        Assert.Equal(["k2", "k3"], rows.Select(r => r.KioskId));
    }

    [Fact]
    public void Query_Site_KeepsOnlyThatSite()
    {
        FleetKiosk[] fleet = [Kiosk("s1", "k1"), Kiosk("s2", "k2")];

        Assert.Equal(["k2"], new FleetQuery { Site = "s2" }.Apply(fleet, Now).Select(r => r.KioskId));
    }

    [Fact]
    public void Query_SortByProblems_PutsOfflineThenSilentThenFaultsFirst()
    {
        FleetKiosk[] fleet = [Kiosk("s1", "a-fine"), Kiosk("s1", "b-fault", problems: PaperEnd), Kiosk("s1", "c-silent", seenSecondsAgo: 500), Kiosk("s1", "d-offline", OnlineState.Offline)];

        var rows = new FleetQuery { Sort = FleetSort.Problems }.Apply(fleet, Now);

        Assert.Equal(["d-offline", "c-silent", "b-fault", "a-fine"], rows.Select(r => r.KioskId));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59.9, "59s")]
    [InlineData(130, "2m10s")]
    [InlineData(3 * 3600 + 5 * 60, "3h05m")]
    [InlineData(6 * 86400 + 5, "6d")]
    [InlineData(-20, "0s")]
    public void Age_IsShortAndReadable(double seconds, string expected) =>
        Assert.Equal(expected, Age.Format(TimeSpan.FromSeconds(seconds)));

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
