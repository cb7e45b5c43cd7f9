using KioskAgent.Activities;
using KioskAgent.Draws;
using KioskAgent.Draws.Running;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using DrawPoolMode = KioskAgent.Draws.Running.DrawPoolMode;

namespace KioskAgent.Tests.Unit.Draws;

/// <summary>Who may not win (staff, earlier winners of the event) and the 选房 standing, through the real draw runtime and its SQLite files.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class DrawExclusionRuntimeTests : IDisposable
{
    private static readonly DrawRules TwoPrizes = DrawRules.Winners([new DrawTier("一等奖", 1, 1), new DrawTier("二等奖", 2, 2)]);
    private readonly string _directory = TestPaths.NewTempDirectory("draws-exclusions");
    private readonly DrawRuntimeHarness _kiosk;

    public DrawExclusionRuntimeTests() => _kiosk = new DrawRuntimeHarness(_directory);

    public void Dispose()
    {
        _kiosk.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task StaffCheckedIn_AreExcluded_ListedWithTheReason_AndTheRecordVerifies()
    {
        _kiosk.StaffIds.UnionWith(["C003", "C011"]);

        var record = await RunAsync(new DrawSpec("d1", "年会抽奖", "act-1", DrawPoolMode.CheckIns, TwoPrizes));

        Assert.Equal([new DrawExclusion("C003", DrawExclusion.Staff), new DrawExclusion("C011", DrawExclusion.Staff)], record.Commitment.Rules.Excluded);
        Assert.Equal(18, record.Pool.Count);
        Assert.DoesNotContain(record.Order, id => id is "C003" or "C011");
        Assert.True(DrawVerifier.Verify(record.ToCanonicalJson()).IsValid);
    }

    [Fact]
    public async Task EarlierWinnersOfTheEvent_AreFoundByPerson_UnderTheirCodeOfAnotherActivity()
    {
        var first = await RunAsync(new DrawSpec("d1", "上午抽奖", "morning", DrawPoolMode.CheckIns, TwoPrizes) { EventId = "gala-2026" });
        RecodeCheckIns("X");

        var second = await RunAsync(new DrawSpec("d2", "下午抽奖", "afternoon", DrawPoolMode.CheckIns, TwoPrizes) { EventId = "gala-2026" });

        var expected = first.Winners.Select(w => "X" + w.Id[1..]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, second.Commitment.Rules.Excluded.Select(e => e.Id));
        Assert.All(second.Commitment.Rules.Excluded, e => Assert.Equal(DrawExclusion.EarlierWinner, e.Reason));
        Assert.Empty(second.Order.Intersect(expected));
        Assert.True(DrawVerifier.Verify(second.ToCanonicalJson()).IsValid);
    }

    [Fact]
    public async Task AnotherEvent_OrADrawThatAllowsThem_LetsEarlierWinnersWin()
    {
        await RunAsync(new DrawSpec("d1", "上午抽奖", "morning", DrawPoolMode.CheckIns, TwoPrizes));
        _kiosk.StaffIds.Add("C020");

        var otherEvent = await RunAsync(new DrawSpec("d2", "晚宴抽奖", "dinner", DrawPoolMode.CheckIns, TwoPrizes));
        var allowing = await RunAsync(new DrawSpec("d3", "加抽", "morning", DrawPoolMode.CheckIns, TwoPrizes) { AllowEarlierWinners = true });

        Assert.Equal([new DrawExclusion("C020", DrawExclusion.Staff)], otherEvent.Commitment.Rules.Excluded);
        Assert.Equal([new DrawExclusion("C020", DrawExclusion.Staff)], allowing.Commitment.Rules.Excluded);
        Assert.Equal(19, allowing.Pool.Count);
    }

    [Fact]
    public async Task EveryoneExcluded_TheDrawIsRefused_NothingDrawn()
    {
        _kiosk.CheckedIn.RemoveRange(2, _kiosk.CheckedIn.Count - 2);
        _kiosk.StaffIds.UnionWith(["C001", "C002"]);

        var refused = await Assert.ThrowsAsync<DrawRefusedException>(() => _kiosk.Runtime.CreateAsync(new DrawSpec("d1", "年会抽奖", "act-1", DrawPoolMode.CheckIns, TwoPrizes), default));

        Assert.Equal(DrawRefusal.FailedPrecondition, refused.Refusal);
        Assert.Contains("pool is empty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupOrderDraw_AdmitsMembersOfTheFirstGroups_NotTheOthers_NothingBeforeTheReveal()
    {
        var groups = Enumerable.Range(1, 6).Select(i => new DrawEntrant($"G{i:D2}", $"第{i}组")).ToList();
        var spec = new DrawSpec("xf", "选房抽签", "", DrawPoolMode.Groups, DrawRules.RankAll()) { Groups = groups };
        await _kiosk.Runtime.CreateAsync(spec, default);
        await _kiosk.Runtime.CommitAsync("xf", default);

        Assert.Equal(DrawStanding.NotHeld, await Standing("xf", "M1", [groups[0].Id], 2));
        await _kiosk.Runtime.DrawAsync("xf", default);
        var order = DrawRecordReader.Read(CanonicalJson.Parse(await _kiosk.Runtime.ExportAsync("xf", default)), out _).Order;

        Assert.Equal(DrawStanding.Drawn, await Standing("xf", "M1", ["vip", order[1]], 2));
        Assert.Equal(DrawStanding.NotDrawn, await Standing("xf", "M1", [order[2]], 2));
        Assert.Equal(DrawStanding.Drawn, await Standing("xf", "M1", [order[5]], 0));
        Assert.Equal(DrawStanding.NotDrawn, await Standing("xf", "M1", [], 0));
        Assert.Equal(DrawStanding.NotHeld, await Standing("no-such-draw", "M1", [order[0]], 0));
    }

    [Fact]
    public async Task EntryOrderDraw_AdmitsTheMemberBehindADrawnEntry_AndAPrizeDrawItsWinners()
    {
        var order = (await RunAsync(new DrawSpec("xf", "选房顺序", "act-1", DrawPoolMode.CheckIns, DrawRules.RankAll()))).Order;
        var prize = await RunAsync(new DrawSpec("lucky", "抽奖", "other", DrawPoolMode.CheckIns, TwoPrizes));

        Assert.Equal(DrawStanding.Drawn, await Standing("xf", "M" + order[0], [], 3));
        Assert.Equal(DrawStanding.NotDrawn, await Standing("xf", "M" + order[3], [], 3));
        Assert.Equal(DrawStanding.Drawn, await Standing("lucky", "M" + prize.Winners[0].Id, [], 0));
        Assert.Equal(DrawStanding.NotDrawn, await Standing("lucky", "M" + prize.Order[^1], [], 0));
    }

    private Task<DrawStanding> Standing(string drawId, string member, string[] tags, int admitFirst) =>
        _kiosk.Runtime.StandingAsync(drawId, member, tags, admitFirst, default);

    /// <summary>Another activity's check-ins of the same members: new short codes, the same people.</summary>
    private void RecodeCheckIns(string prefix)
    {
        var recoded = _kiosk.CheckedIn.Select(e => new DrawEntrant(prefix + e.Id[1..], e.MaskedName)).ToList();
        foreach (var (old, now) in _kiosk.CheckedIn.Zip(recoded))
        {
            _kiosk.MemberOf[now.Id] = "M" + old.Id;
        }

        _kiosk.CheckedIn.Clear();
        _kiosk.CheckedIn.AddRange(recoded);
    }

    private async Task<DrawRecord> RunAsync(DrawSpec spec)
    {
        await _kiosk.Runtime.CreateAsync(spec, default);
        await _kiosk.Runtime.CommitAsync(spec.DrawId, default);
        await _kiosk.Runtime.DrawAsync(spec.DrawId, default);
        return DrawRecordReader.Read(CanonicalJson.Parse(await _kiosk.Runtime.ExportAsync(spec.DrawId, default)), out _);
    }
}
