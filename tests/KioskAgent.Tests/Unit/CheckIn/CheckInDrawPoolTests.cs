using Google.Protobuf.WellKnownTypes;
using KioskAgent.Activities;
using KioskAgent.CheckIn;
using KioskAgent.Contracts.Staff;
using KioskAgent.Contracts.V1;
using KioskAgent.Draws.Pools;
using KioskAgent.Staff;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.CheckIn;

/// <summary>A draw's pool from an activity's accepted check-ins (real journal, member cache and staff list files).</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CheckInDrawPoolTests : IDisposable
{
    private readonly CheckInDeskFixture _f = new();
    private readonly StaffDirectory _staff;
    private readonly CheckInDrawPool _pool;
    private readonly DrawPersonKeys _persons = new(MemberRecords.Secret);

    public CheckInDrawPoolTests()
    {
        var lina = MemberRecords.Member("M2", "5A6B7C8D");
        lina.Name = "李娜";
        var staffMember = MemberRecords.Member("M4", "0A0A0A0A", "5AFF0001");
        _f.Members.Import(MemberRecords.Batch(MemberRecords.Member("M1", "04A1B2C3"), lina, MemberRecords.Member("M3", "0A0B0C0D"), staffMember), CheckInDeskFixture.T0);
        var again = CheckInDeskFixture.Record("again");
        again.Repeat = RepeatKindRecord.Repeatable;
        again.RepeatMinIntervalSeconds = 60;
        _f.Catalog(3, CheckInDeskFixture.Record("gala"), again);
        _staff = new StaffDirectory(Path.Combine(_f.Directory, StaffDirectory.FileName), MemberRecords.Secret);
        _staff.ReplaceAll([new StaffRecord { StaffId = "boss", CardUid = "5AFF0001", Name = "店长", Role = "supervisor", PinHash = StaffPinHash.Hash("2468", StaffPinHash.MinIterations) }], version: null);
        _pool = new CheckInDrawPool(_f.Desk, _f.Members, _staff, _persons);
    }

    public void Dispose()
    {
        _staff.Dispose();
        _f.Dispose();
    }

    [Fact]
    public async Task AcceptedCheckIns_OneCandidateEach_ByTheShortCodeTheySaw_WithMaskedNames()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);
        await _f.TapAsync("04A1B2C3");
        await _f.TapAsync("5A6B7C8D");
        await _f.TapAsync("DEADBEEF");
        await _f.TapAsync("04A1B2C3", "r2");

        var candidates = await _pool.CheckedInAsync("gala", CancellationToken.None);

        var accepted = (await _f.JournaledAsync()).Where(j => j.Outcome == "accepted").ToDictionary(j => j.MemberNumber, j => j.ShortCode);
        Assert.Equal(2, candidates.Count);
        Assert.Equal(new[] { accepted["M1"], accepted["M2"] }.Order(StringComparer.Ordinal), candidates.Select(c => c.Entrant.Id).Order(StringComparer.Ordinal));
        Assert.Equal("李*", candidates.Single(c => c.Entrant.Id == accepted["M2"]).Entrant.MaskedName);
        Assert.Equal(_persons.For("M1"), candidates.Single(c => c.Entrant.Id == accepted["M1"]).Person);
        Assert.All(candidates, c => Assert.False(c.IsStaff));
        Assert.All(candidates, c => Assert.DoesNotContain("M", c.Person, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckedInSeveralTimes_OneEntry_TheCodeOfTheFirstCheckIn()
    {
        _f.Desk.Open("again", CheckInDeskFixture.Staff);
        await _f.TapAsync("04A1B2C3");
        _f.Time.Advance(TimeSpan.FromMinutes(2));
        await _f.TapAsync("04A1B2C3", "r2");

        var accepted = (await _f.JournaledAsync()).Where(j => j.Outcome == "accepted").ToList();
        var candidate = Assert.Single(await _pool.CheckedInAsync("again", CancellationToken.None));

        Assert.Equal(2, accepted.Count);
        Assert.Equal(accepted[0].ShortCode, candidate.Entrant.Id);
    }

    [Fact]
    public async Task MemberHoldingAStaffCard_IsMarkedStaff()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);
        await _f.TapAsync("0A0A0A0A");
        await _f.TapAsync("0A0B0C0D");

        var candidates = await _pool.CheckedInAsync("gala", CancellationToken.None);

        Assert.Equal([true, false], candidates.OrderBy(c => c.Person == _persons.For("M4") ? 0 : 1).Select(c => c.IsStaff));
    }

    [Fact]
    public async Task RelayedCheckIns_OfOtherKiosks_AreInThePool_OncePerMember_AndEqualCodesKeptApart()
    {
        _f.Desk.Open("gala", CheckInDeskFixture.Staff);
        await _f.TapAsync("04A1B2C3");
        var mine = (await _f.JournaledAsync()).Single().ShortCode;
        // M1 also checked in at kiosk-b later (a conflict: still one entry, the code of the first);
        // M3 only at kiosk-c, with a code equal to the one M1 saw here (made apart); M2 only left.
        _f.Desk.Remember(new CheckInRecord("gala", "M1", TapDirection.Entry, CheckInDeskFixture.T0.AddMinutes(1), "kiosk-b"), "BBBBBB");
        _f.Desk.Remember(new CheckInRecord("gala", "M3", TapDirection.Entry, CheckInDeskFixture.T0.AddMinutes(5), "kiosk-c"), mine);
        _f.Desk.Remember(new CheckInRecord("gala", "M2", TapDirection.Exit, CheckInDeskFixture.T0.AddMinutes(6), "kiosk-c"), "CCCCCC");

        var candidates = await _pool.CheckedInAsync("gala", CancellationToken.None);

        Assert.Equal(
            [(mine, _persons.For("M1")), (mine + "-2", _persons.For("M3"))],
            candidates.Select(c => (c.Entrant.Id, c.Person)));
    }

    [Fact]
    public async Task ActivityOfNoCheckIns_GivesNoCandidates()
    {
        Assert.Empty(await _pool.CheckedInAsync("gala", CancellationToken.None));
    }

    [Fact]
    public async Task DrawnInDrawActivity_AsksWhereTheMemberStands_AtEachTap()
    {
        var xf = CheckInDeskFixture.Record("xf");
        xf.DrawnInDraw = "xf-order";
        xf.DrawnAdmitFirst = 2;
        _f.Catalog(4, xf);
        _f.Desk.Open("xf", CheckInDeskFixture.Staff);

        await _f.TapAsync("04A1B2C3");
        _f.Standings.ByMember["M1"] = DrawStanding.NotDrawn;
        await _f.TapAsync("04A1B2C3", "r2");
        _f.Standings.ByMember["M1"] = DrawStanding.Drawn;
        await _f.TapAsync("04A1B2C3", "r3");

        var journaled = await _f.JournaledAsync();
        Assert.Equal(["not_eligible", "not_eligible", "accepted"], journaled.Select(j => j.Outcome));
        Assert.Contains("has not been held yet", journaled[0].Reason, StringComparison.Ordinal);
        Assert.Contains("first 2 places of draw xf-order", journaled[1].Reason, StringComparison.Ordinal);
        Assert.All(_f.Standings.Asked, a => Assert.Equal(("xf-order", 2), a));
    }
}
