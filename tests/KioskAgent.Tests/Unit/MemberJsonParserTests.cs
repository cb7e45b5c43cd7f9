using KioskAgent.Contracts.V1;
using KioskAgent.Members.Import;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberJsonParserTests
{
    private static (ParsedMemberFile File, MemberFileProblems Problems) Parse(string text)
    {
        var problems = new MemberFileProblems();
        return (MemberJsonParser.Parse(text, problems), problems);
    }

    [Fact]
    public void ABatch_WithMembersLevelsAndGifts_IsRead_WithTheLineOfEachRecord()
    {
        var (file, problems) = Parse("""
            {
              "levels": [ { "code": "gold", "name": "金卡", "rank": 2, "thresholdPoints": "10000" } ],
              "members": [
                { "memberNumber": "1001", "name": "张三", "level": "gold", "balanceMinor": "12345",
                  "cards": [ { "uid": "04A1B2C3D4E5F6", "state": "MEMBER_CARD_STATE_ACTIVE" } ] },
                { "member_number": "1002", "points_lots": [ { "points": 500, "expires_on": "2026-12-31" } ],
                  "cards": [ { "card_number": "C-2", "state": "MEMBER_CARD_STATE_LOST" } ] }
              ],
              "gifts": [ { "code": "mug", "name": "马克杯", "pointsPrice": 800, "stock": 3, "active": true } ]
            }
            """);

        Assert.Equal(0, problems.Count);
        Assert.Equal(["1001", "1002"], file.Batch.Members.Select(m => m.MemberNumber));
        Assert.Equal(12345, file.Batch.Members[0].BalanceMinor);
        Assert.Equal(MemberCardState.Lost, file.Batch.Members[1].Cards[0].State);
        Assert.Equal(500, file.Batch.Members[1].PointsLots[0].Points);
        Assert.Equal([4, 6], file.MemberLines);
        Assert.Equal(2, file.Lines["levels"].Single());
        Assert.Equal(9, file.Lines["gifts"].Single());
        Assert.Equal(("gold", "mug"), (file.Batch.Levels[0].Code, file.Batch.Gifts[0].Code));
    }

    [Fact]
    public void EveryBadRecord_IsReportedWithItsPositionAndLine_AndTheGoodOnesKeepTheirFilePositions()
    {
        var (file, problems) = Parse("""
            { "members": [
              { "memberNumber": "1", "nickname": "x" },
              { "memberNumber": "2", "cards": [ { "state": "MEMBER_CARD_STATE_MISLAID" } ] },
              { "memberNumber": "3", "points": "many" },
              { "memberNumber": "4" }
            ] }
            """);

        Assert.Equal([(2, "members[0]"), (3, "members[1]"), (4, "members[2]")], problems.Items.Select(p => (p.Line, p.Field)));
        Assert.Equal([0, 1, 2], problems.Items.Select(p => p.MemberIndex));
        Assert.Equal("4", Assert.Single(file.Batch.Members).MemberNumber);
        Assert.Equal(3, file.PositionOf("members", 0));
        Assert.Equal(5, file.LineOf("members", 0));
    }

    [Fact]
    public void BrokenJson_IsReportedWithItsLine()
    {
        var (_, problems) = Parse("{\n  \"members\": [\n    { \"memberNumber\": \"1\" }\n    { \"memberNumber\": \"2\" }\n  ]\n}");

        var problem = Assert.Single(problems.Items);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTopLevelField_IsReported()
    {
        var (_, problems) = Parse("{ \"members\": [],\n \"shops\": [1, 2] }");

        Assert.Equal((2, "shops"), (Assert.Single(problems.Items).Line, problems.Items[0].Field));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"members\"")]
    [InlineData("{ \"members\": { } }")]
    [InlineData("{ \"members\": [ 1 ] }")]
    public void NotTheShapeOfABatch_IsReported(string json) =>
        Assert.NotEqual(0, Parse(json).Problems.Count);

    [Fact]
    public void NullLists_AreEmpty() =>
        Assert.Equal(0, Parse("{ \"members\": null, \"levels\": null }").Problems.Count);

    [Fact]
    public void ACardWithoutAState_IsActive_AsInTheCsvFormat()
    {
        var (file, _) = Parse("{ \"members\": [ { \"memberNumber\": \"1\", \"cards\": [ { \"uid\": \"01020304\" } ] } ] }");

        Assert.Equal(MemberCardState.Active, file.Batch.Members[0].Cards[0].State);
    }
}
