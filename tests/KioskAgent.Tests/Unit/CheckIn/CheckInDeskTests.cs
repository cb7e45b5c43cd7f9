using Grpc.Core;
using KioskAgent.Api;
using KioskAgent.CheckIn;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.CheckIn;

[Trait("Category", TestCategories.Unit)]
public sealed class CheckInDeskTests : IDisposable
{
    private readonly CheckInDeskFixture _f = new();

    public CheckInDeskTests()
    {
        var lost = MemberRecords.Member("M2", "DEADBEEF");
        lost.Cards[0].State = MemberCardState.Lost;
        _f.Members.Import(MemberRecords.Batch(MemberRecords.Member("M1", "04A1B2C3"), lost, MemberRecords.Member("M3", "0A0B0C0D")), CheckInDeskFixture.T0);
        _f.Catalog(3, CheckInDeskFixture.Record("gala"), CheckInDeskFixture.Record("door", AttendanceKind.EntryAndExit));
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task AcceptedTap_IsJournaledWithItsShortCodeAndPoints_ThenShownOnTheFeed()
    {
        Assert.Equal("ok", _f.Desk.Open("gala", CheckInDeskFixture.Staff));

        await _f.TapAsync("04a1b2c3");

        var journaled = Assert.Single(await _f.JournaledAsync());
        Assert.Equal(("gala", "M1", "accepted", 50L, "s-7"), (journaled.ActivityId, journaled.MemberNumber, journaled.Outcome, journaled.Points, journaled.StaffId));
        Assert.Matches("^[2-9A-HJKMNP-Z]{6}$", journaled.ShortCode);
        var feed = _f.Screen.Current.CheckInFeed;
        Assert.Equal("accepted", feed.Last.Outcome);
        Assert.Equal(journaled.ShortCode, feed.Last.ShortCode);
        Assert.Equal((await _f.Journal.PendingAsync(10)).Single().Id, feed.Last.TransactionId);
        Assert.Equal(1u, feed.CheckedIn);
        Assert.Single(_f.Ledger.Load("gala"));
    }

    [Fact]
    public async Task SameCardOnTwoReadersAtOnce_IsAcceptedOnce_AndEveryOtherTapIsADuplicate()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => _f.Desk.HandleTapAsync(Tap("04A1B2C3", i % 2 == 0 ? "r1" : "r2"), CancellationToken.None))));

        var journaled = await _f.JournaledAsync();
        Assert.Equal(40, journaled.Count);
        Assert.Single(journaled, j => j.Outcome == "accepted");
        Assert.Equal(39, journaled.Count(j => j.Outcome == "already_checked_in"));
        var feed = _f.Screen.Current.CheckInFeed;
        Assert.Equal(1u, feed.CheckedIn);
        Assert.Equal(39u, feed.Refused.Single(r => r.Outcome == "already_checked_in").Count);
        Assert.Equal(40u, feed.Taps);
    }

    [Fact]
    public async Task LostCard_IsRefusedForItsState_AndUnknownCard_AsUnknown()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);

        await _f.TapAsync("DEADBEEF");
        await _f.TapAsync("11223344", ms: 1_000);

        var journaled = await _f.JournaledAsync();
        Assert.Equal(["card_refused", "unknown_card"], journaled.Select(j => j.Outcome));
        Assert.All(journaled, j => Assert.Equal("", j.ShortCode));
        Assert.Contains("挂失", _f.Screen.Current.CheckInFeed.Recent[1].Reason, StringComparison.Ordinal);
        Assert.Equal(0u, _f.Screen.Current.CheckInFeed.CheckedIn);
    }

    [Fact]
    public async Task EntryAndExit_CountsWhoIsInside_ByTheReaderConfiguredForExits()
    {
        _f.Desk.Open("door", CheckInDeskFixture.Staff);

        await _f.Desk.HandleTapAsync(Tap("04A1B2C3", "r1"), CancellationToken.None);
        await _f.Desk.HandleTapAsync(Tap("0A0B0C0D", "r1"), CancellationToken.None);
        await _f.Desk.HandleTapAsync(Tap("04A1B2C3", "exit-1"), CancellationToken.None);
        await _f.Desk.HandleTapAsync(Tap("0A0B0C0D", "exit-1"), CancellationToken.None);
        await _f.Desk.HandleTapAsync(Tap("0A0B0C0D", "exit-1"), CancellationToken.None);

        var feed = _f.Screen.Current.CheckInFeed;
        Assert.Equal(0u, feed.Inside);
        Assert.Equal(2u, feed.CheckedIn);
        Assert.Equal(("exit_without_entry", "exit"), (feed.Last.Outcome, feed.Last.Direction));
    }

    [Fact]
    public async Task AfterARestart_TheJournalsCheckInsStillCount()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);
        await _f.TapAsync("04a1b2c3");
        _f.Desk.Close();

        using var reopened = new CheckInLedgerStore(Path.Combine(_f.Directory, KioskAgent.Journal.TransactionJournal.FileName));
        var earlier = Assert.Single(reopened.Load("gala"));
        Assert.Equal(("M1", "k1"), (earlier.Record.MemberNumber, earlier.Record.KioskId));

        _f.Desk.Open("gala", CheckInDeskFixture.Staff);
        await _f.TapAsync("04a1b2c3", reader: "r2", ms: 5_000);
        Assert.Equal("already_checked_in", _f.Screen.Current.CheckInFeed.Last.Outcome);
    }

    [Fact]
    public async Task JournalThatCannotCommit_ShowsNotRecorded_AndTakesTheAcceptanceBack()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);
        _f.Journal.CapAtCurrentSizeForTesting();
        await _f.Desk.HandleTapAsync(Tap("04A1B2C3", "r1"), CancellationToken.None);
        // Fill the pages until a commit fails: the cap makes the next page allocation fail like a full disk.
        for (var i = 0; i < 200 && _f.Journal.Fault is null; i++)
        {
            await _f.Desk.HandleTapAsync(Tap("11223344", "r1"), CancellationToken.None);
        }

        Assert.NotNull(_f.Journal.Fault);
        var feed = _f.Screen.Current.CheckInFeed;
        Assert.Equal("not_recorded", feed.Last.Outcome);
        Assert.True(feed.Refused.Single(r => r.Outcome == "not_recorded").Count >= 1);
        Assert.Equal((uint)_f.Ledger.Load("gala").Count, feed.CheckedIn);
    }

    [Fact]
    public async Task ClosingTheActivity_GivesTheReadersBackToMemberSelfService()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);
        Assert.Same(_f.Desk, _f.Router.Current);
        _f.Desk.Close();

        await _f.TapAsync("04a1b2c3");

        Assert.Null(_f.Router.Current);
        Assert.Empty(await _f.JournaledAsync());
        Assert.Equal(KioskAgent.Contracts.V1.Screen.ViewOneofCase.Member, _f.Screen.Current.ViewCase);
    }

    [Fact]
    public void OpeningAnUnknownActivity_IsRefused_AndTakesNoReaders()
    {
        Assert.Equal("no_such_activity", _f.Desk.Open("nope", CheckInDeskFixture.Staff));
        Assert.Null(_f.Router.Current);
    }

    [Fact]
    public async Task EveryServiceCall_WithoutAStaffSession_IsPermissionDenied()
    {
        var readiness = new CheckInReadiness(_f.Activities, _f.Members, new KioskAgent.Devices.Health.DeviceHealthRegistry(_f.Time), _f.Journal, _f.Time);
        var service = new CheckInGrpcService(null!, _f.Desk, readiness, new NoStaffSessions());

        var denied = new List<RpcException>
        {
            await Assert.ThrowsAsync<RpcException>(() => service.ListActivities(new(), null!)),
            await Assert.ThrowsAsync<RpcException>(() => service.OpenActivity(new() { ActivityId = "gala" }, null!)),
            await Assert.ThrowsAsync<RpcException>(() => service.GetReadyCheck(new(), null!)),
            await Assert.ThrowsAsync<RpcException>(() => service.CreateActivity(new(), null!)),
        };

        Assert.All(denied, d => Assert.Equal(StatusCode.PermissionDenied, d.StatusCode));
        Assert.Null(_f.Router.Current);
    }

    [Fact]
    public async Task CreatingAnActivity_NeedsASupervisor()
    {
        var readiness = new CheckInReadiness(_f.Activities, _f.Members, new KioskAgent.Devices.Health.DeviceHealthRegistry(_f.Time), _f.Journal, _f.Time);
        var service = new CheckInGrpcService(null!, _f.Desk, readiness, new FixedStaffSessions(CheckInDeskFixture.Staff));

        var denied = await Assert.ThrowsAsync<RpcException>(() => service.CreateActivity(new() { Activity = CheckInDeskFixture.Record("x") }, null!));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    private Tap Tap(string uid, string reader)
    {
        var presented = new CardPresented(reader, CardUid.Parse(uid), CardTechnology.MifareClassic1K, _f.Time.GetUtcNow());
        return new Tap(reader, CardReaderRole.Member, presented, CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.UidOnly, presented.Uid, null)));
    }
}
