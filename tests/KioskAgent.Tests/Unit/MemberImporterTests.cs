using System.Text;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Members.Import;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The import path end to end over a real encrypted member cache file.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class MemberImporterTests : IDisposable
{
    private readonly MemberCache _cache = new(TestPaths.NewTempDirectory("import"), MemberRecords.Secret);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<MemberImporter> _log = new();

    public void Dispose() => _cache.Dispose();

    private MemberImportResult Import(string text, MemberFileFormat format = MemberFileFormat.Csv, bool dryRun = false) =>
        new MemberImporter(_cache, _time, _log).Import(Encoding.UTF8.GetBytes(text), new MemberImportRequest(format, dryRun, FileName: "members.csv"));

    [Fact]
    public void AValidCsv_IsApplied_AndItsCardsAreFound()
    {
        var result = Import("member_number,name,phone,balance,points,card_uid,card_state\n1001,张三,13812345678,88.80,500,04A1B2C3,active\n1001,,,,,04A1B2C4,挂失\n1002,李四,,0,0,5A6B7C8D,\n");

        Assert.True(result.Applied);
        Assert.Equal((2, 3, 0, 2), (result.Members, result.Cards, result.ProblemCount, result.CachedMembers));
        var member = _cache.FindByCardUid("04a1b2c4");
        Assert.Equal(("1001", 8880L, CardState.Lost), (member?.MemberNumber, member?.BalanceMinor, member?.Cards[1].State));
        Assert.Equal(_time.GetUtcNow(), member?.UpdatedAt);
    }

    [Fact]
    public void AFileWithOneBadRow_AppliesNothing()
    {
        _cache.Import(MemberRecords.Batch(MemberRecords.Member("900", "0A0B0C0D")), _time.GetUtcNow());

        var result = Import("member_number,card_uid,points\n1001,04A1B2C3,1\n1002,04A1B2C4,lots\n1003,04A1B2C5,3\n");

        Assert.False(result.Applied);
        Assert.Equal((3, "points"), (result.Problems.Single().Line, result.Problems.Single().Field));
        Assert.Equal(1, _cache.State.MemberCount);
        Assert.Null(_cache.FindByCardUid("04A1B2C3"));
        Assert.Contains(_log.Messages, m => m.Contains("members.csv refused: 1 problems, nothing applied", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCachesOwnRules_AreReportedOnTheLineAndColumnOfTheFile()
    {
        _cache.Import(new MemberBatch { Levels = { new LevelRecord { Code = "gold", Rank = 1 } } }, _time.GetUtcNow());

        var result = Import("member_number,level,card_uid\nA-1,gold,01020304\nB/2,gold,01020305\nC-3,platinum,01020306\n");

        Assert.False(result.Applied);
        Assert.Equal([(3, "member_number", "B/2"), (4, "level", "C-3")], result.Problems.Select(p => (p.Line, p.Field, p.MemberNumber)));
    }

    [Fact]
    public void ACardBelongingToAMemberAlreadyCached_IsRefused_InADryRunAndForReal()
    {
        _cache.Import(MemberRecords.Batch(MemberRecords.Member("900", "0A0B0C0D")), _time.GetUtcNow());
        const string File = "member_number,card_uid\n1001,01020304\n1002,0A0B0C0D\n";

        var dry = Import(File, dryRun: true);
        var real = Import(File);

        foreach (var result in new[] { dry, real })
        {
            var problem = Assert.Single(result.Problems);
            Assert.Equal((3, "card_uid"), (problem.Line, problem.Field));
            Assert.Contains("belongs to member 900", problem.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, _cache.State.MemberCount);
    }

    [Fact]
    public void ReimportingAMember_ReplacesIt_AndItsCardsMayMove()
    {
        Import("member_number,points,card_uid\n1001,10,01020304\n");

        var result = Import("member_number,points,card_uid\n1001,20,01020305\n1002,0,01020304\n");

        Assert.True(result.Applied, string.Join("; ", result.Problems));
        Assert.Equal("1002", _cache.FindByCardUid("01020304")?.MemberNumber);
        Assert.Equal(20, _cache.FindByMemberNumber("1001")?.Points);
    }

    [Fact]
    public void ADryRun_OfAValidFile_ReportsWhatItHolds_AndAppliesNothing()
    {
        var result = Import("member_number,card_uid\n1001,01020304\n1002,01020305\n", dryRun: true);

        Assert.Equal((false, true, 2, 0, 0), (result.Applied, result.DryRun, result.Members, result.ProblemCount, result.CachedMembers));
        Assert.Equal(0, _cache.State.MemberCount);
    }

    [Fact]
    public void ADuplicateCardInTheFile_IsReportedOnce()
    {
        var result = Import("member_number,card_uid\n1001,01020304\n1002,01020304\n");

        Assert.Equal(1, result.ProblemCount);
    }

    [Fact]
    public void Json_ProblemsNameTheRecordPathAndLine()
    {
        var result = Import("""
            { "levels": [ { "code": "gold" } ],
              "members": [
                { "memberNumber": "1", "level": "gold", "cards": [ { "uid": "01020304" } ] },
                { "memberNumber": "2", "balanceMinor": -5, "cards": [ { "uid": "01020305" }, { "uid": "zz" } ] }
              ] }
            """, MemberFileFormat.Json);

        Assert.False(result.Applied);
        Assert.Equal(
            [(4, "members[1].balance_minor"), (4, "members[1].cards[1].uid")],
            result.Problems.Select(p => (p.Line, p.Field)).OrderBy(p => p.Field));
        Assert.All(result.Problems, p => Assert.Equal(("2", 1), (p.MemberNumber, p.MemberIndex)));
    }

    [Fact]
    public void Json_AValidBatch_AppliesMembersLevelsAndGifts()
    {
        var result = Import("""
            { "levels": [ { "code": "gold", "name": "金卡", "rank": 2 } ],
              "gifts": [ { "code": "mug", "name": "马克杯", "pointsPrice": 800, "stock": 3, "active": true } ],
              "members": [ { "memberNumber": "1", "level": "gold", "cards": [ { "uid": "01020304" } ] } ] }
            """, MemberFileFormat.Json);

        Assert.True(result.Applied, string.Join("; ", result.Problems));
        Assert.Equal((1, 1, 1), (result.Members, result.Levels, result.Gifts));
        Assert.Equal("mug", _cache.FindGift("mug")?.Code);
    }

    [Fact]
    public void ManyProblems_AreAllCounted()
    {
        var rows = string.Concat(Enumerable.Range(0, 1500).Select(i => $"{i},nothex\n"));

        var result = Import("member_number,card_uid\n" + rows);

        Assert.Equal(1500, result.ProblemCount);
        Assert.Equal(MemberFileProblems.Kept, result.Problems.Count);
        Assert.Equal(2, result.Problems[0].Line);
    }
}
