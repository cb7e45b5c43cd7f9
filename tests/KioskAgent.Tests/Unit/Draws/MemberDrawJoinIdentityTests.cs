using KioskAgent.Contracts.Staff;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Draws;
using KioskAgent.Draws.Running;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Identity;
using KioskAgent.Members;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Draws;

/// <summary>Who may tap to join a draw, from a real member cache and staff list.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class MemberDrawJoinIdentityTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("draw-join-identity");
    private readonly MemberCache _members;
    private readonly StaffDirectory _staff;
    private readonly MemberDrawJoinIdentity _identity;

    public MemberDrawJoinIdentityTests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
        _members = new MemberCache(_directory, MemberRecords.Secret);
        var staffCard = MemberRecords.Member("M2", "0A0A0A0A");
        staffCard.Cards.Add(new CardRecord { Uid = "0B0B0B0B", CardNumber = "900001", State = MemberCardState.Active });
        _members.Import(MemberRecords.Batch(MemberRecords.Member("M1", "04A1B2C3"), staffCard), time.GetUtcNow());
        _staff = new StaffDirectory(Path.Combine(_directory, StaffDirectory.FileName), MemberRecords.Secret);
        _staff.ReplaceAll([new StaffRecord { StaffId = "boss", CardNumber = "900001", Name = "店长", Role = "supervisor", PinHash = StaffPinHash.Hash("2468", StaffPinHash.MinIterations) }], version: null);
        var calendar = new SiteCalendar(Options.Create(new KioskOptions { KioskId = "k1", SiteId = "s1", TimeZone = "Asia/Shanghai" }), time);
        _identity = new MemberDrawJoinIdentity(new MemberLookup(_members), calendar, _staff);
    }

    public void Dispose()
    {
        _staff.Dispose();
        _members.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Member_Joins_WithTheirMaskedName()
    {
        var member = _identity.Resolve(Tap("04A1B2C3"), out var refusal);

        Assert.Equal(("M1", ""), (member?.MemberNumber, refusal));
    }

    [Fact]
    public void MemberHoldingAStaffCard_ByNumber_EvenTappingAnotherOfTheirCards_IsRefusedAsStaff()
    {
        var member = _identity.Resolve(Tap("0A0A0A0A"), out var refusal);

        Assert.Null(member);
        Assert.Equal(DrawExclusion.Staff, refusal);
    }

    private static Tap Tap(string uid)
    {
        var card = CardUid.Parse(uid);
        return new Tap("r1", CardReaderRole.Member, new CardPresented("r1", card, CardTechnology.MifareClassic1K, DateTimeOffset.UnixEpoch), CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.UidOnly, card, null)));
    }
}
