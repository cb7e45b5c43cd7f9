using KioskAgent.Contracts.V1;
using KioskAgent.Members.Import;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberCsvParserTests
{
    private const string Header = "member_number,name,phone,level,balance,points,card_uid,card_state";

    private static (ParsedMemberFile File, MemberFileProblems Problems) Parse(string text)
    {
        var problems = new MemberFileProblems();
        return (MemberCsvParser.Parse(text, problems), problems);
    }

    private static MemberFileProblem Single(MemberFileProblems problems) => Assert.Single(problems.Items);

    [Fact]
    public void RowsWithTheSameMemberNumber_AreOneMemberWithSeveralCards()
    {
        var (file, problems) = Parse($"""
            {Header}
            1001,张三,13812345678,gold,100.00,500,04A1B2C3D4E5F6,active
            1002,李四,,silver,0,0,5A6B7C8D,
            1001,,,,,,04A1B2C3D4E5F7,lost
            """);

        Assert.Equal(0, problems.Count);
        Assert.Equal(["1001", "1002"], file.Batch.Members.Select(m => m.MemberNumber));
        var first = file.Batch.Members[0];
        Assert.Equal(["04A1B2C3D4E5F6", "04A1B2C3D4E5F7"], first.Cards.Select(c => c.Uid));
        Assert.Equal([MemberCardState.Active, MemberCardState.Lost], first.Cards.Select(c => c.State));
        Assert.Equal([2, 3], file.MemberLines);
        Assert.Equal([2, 4], file.CardLines[0]);
        Assert.Equal(3, file.CardCount);
    }

    [Fact]
    public void EveryColumn_IsMappedOntoTheRecord()
    {
        var (file, problems) = Parse("""
            member_number,name,phone,level,balance,currency,points,pending_points,lifetime_points,points_expiring,birthday,tags,qr_token,card_uid,card_number,card_state,card_valid_until,subsidiary
            2001,王小明,+86 138-1234-5678,diamond,1234.5,cny,800,20,15000,500@2026-12-31;300@2027/3/31,1990/5/3,vip；早鸟,KM1:abc,04:a1:b2:c3,NO.8801,正常,2027-01-31,是
            """);

        Assert.Equal(0, problems.Count);
        var m = Assert.Single(file.Batch.Members);
        Assert.Equal(("王小明", "+86 138-1234-5678", "diamond", 123450L, "CNY"), (m.Name, m.Phone, m.Level, m.BalanceMinor, m.Currency));
        Assert.Equal((800L, 20L, 15000L), (m.Points, m.PendingPoints, m.LifetimePoints));
        Assert.Equal([(500L, "2026-12-31"), (300L, "2027-03-31")], m.PointsLots.Select(l => (l.Points, l.ExpiresOn)));
        Assert.Equal("1990-05-03", m.Birthday);
        Assert.Equal(["vip", "早鸟"], m.Tags);
        Assert.Equal("KM1:abc", m.QrToken);
        var card = Assert.Single(m.Cards);
        Assert.Equal(("04A1B2C3", "NO.8801", MemberCardState.Active, "2027-01-31", true), (card.Uid, card.CardNumber, card.State, card.ValidUntil, card.Subsidiary));
    }

    [Fact]
    public void QuotedFields_HoldCommasQuotesAndLineBreaks_AndLinesStayPhysical()
    {
        var (file, problems) = Parse("member_number,name,card_uid\r\n3001,\"Smith, \"\"Jo\"\"\nJunior\",0A0B0C0D\r\n3002,\"Lee\",0A0B0C0E\r\n3003,x,zz\r\n");

        Assert.Equal("Smith, \"Jo\"\nJunior", file.Batch.Members[0].Name);
        Assert.Equal([2, 4, 5], file.MemberLines);
        var problem = Single(problems);
        Assert.Equal((5, "card_uid"), (problem.Line, problem.Field));
    }

    [Fact]
    public void ChineseHeaders_AreTheSameColumns()
    {
        var (file, problems) = Parse("会员号,姓名,余额,积分,卡UID,卡状态\n4001,赵六,9.9,10,01020304,冻结\n");

        Assert.Equal(0, problems.Count);
        Assert.Equal((990L, 10L, MemberCardState.Frozen), (file.Batch.Members[0].BalanceMinor, file.Batch.Members[0].Points, file.Batch.Members[0].Cards[0].State));
    }

    [Theory]
    [InlineData("正常", MemberCardState.Active)]
    [InlineData("挂失", MemberCardState.Lost)]
    [InlineData("冻结", MemberCardState.Frozen)]
    [InlineData("注销", MemberCardState.Cancelled)]
    [InlineData("过期", MemberCardState.Expired)]
    [InlineData("补卡", MemberCardState.Replaced)]
    [InlineData("CANCELED", MemberCardState.Cancelled)]
    [InlineData("Replaced", MemberCardState.Replaced)]
    [InlineData("", MemberCardState.Active)]
    public void CardStates_InChineseOrEnglish(string written, MemberCardState expected)
    {
        var (file, problems) = Parse($"member_number,card_uid,card_state\n5001,01020304,{written}\n");

        Assert.Equal(0, problems.Count);
        Assert.Equal(expected, file.Batch.Members[0].Cards[0].State);
    }

    [Theory]
    [InlineData("balance", "12.345")]
    [InlineData("balance", "-5")]
    [InlineData("balance", "1,000")]
    [InlineData("balance", "¥12")]
    [InlineData("balance", "1e3")]
    [InlineData("points", "abc")]
    [InlineData("points", "-1")]
    [InlineData("points", "1.5")]
    [InlineData("points", "99999999999999999999")]
    [InlineData("card_state", "broken")]
    [InlineData("card_uid", "XYZ")]
    public void BadValues_AreReportedWithLineAndColumn(string column, string value)
    {
        var (_, problems) = Parse($"member_number,{column},card_number\n6000,,C0\n6001,\"{value}\",C1\n");

        var problem = Single(problems);
        Assert.Equal((3, column, "6001"), (problem.Line, problem.Field, problem.MemberNumber));
        Assert.Contains(value, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("birthday", "1990-13-01")]
    [InlineData("birthday", "03/05/1990")]
    [InlineData("card_valid_until", "tomorrow")]
    [InlineData("points_expiring", "500")]
    [InlineData("points_expiring", "500@2026-02-30")]
    [InlineData("subsidiary", "maybe")]
    [InlineData("currency", "RMB¥")]
    public void BadDatesListsAndFlags_AreReported(string column, string value)
    {
        var (_, problems) = Parse($"member_number,card_uid,{column}\n7001,01020304,{value}\n");

        Assert.Equal((2, column), (Single(problems).Line, Single(problems).Field));
    }

    [Fact]
    public void EveryBadRow_IsReported_NotJustTheFirst()
    {
        var (_, problems) = Parse($"""
            {Header}
            8001,a,,,x,0,01020304,
            8002,b,,,0,0,01020305,
            8003,c,,,0,y,01020306,
            8004,d,,,0,0,nothex,
            """);

        Assert.Equal([(2, "balance"), (4, "points"), (5, "card_uid")], problems.Items.Select(p => (p.Line, p.Field)));
    }

    [Fact]
    public void TheSameCardUidOnTwoRows_IsADuplicate_NamingTheFirstLine()
    {
        var (_, problems) = Parse("member_number,card_uid\n9001,01020304\n9002,01:02:03:04\n");

        var problem = Single(problems);
        Assert.Equal((3, "card_uid"), (problem.Line, problem.Field));
        Assert.Contains("already on line 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameCardNumberOnTwoRows_IsADuplicate()
    {
        var (_, problems) = Parse("member_number,card_number\n9101,C-1\n9102,C-1\n");

        Assert.Equal((3, "card_number"), (Single(problems).Line, Single(problems).Field));
    }

    [Fact]
    public void RowsOfOneMember_ThatDisagree_AreReported_AndBlankMemberColumnsAreFine()
    {
        var (_, problems) = Parse($"""
            {Header}
            9201,张三,13800000000,gold,10.00,5,0A000001,
            9201,张三,,,,,0A000002,
            9201,张四,13800000000,gold,10.00,6,0A000003,
            """);

        Assert.Equal([(4, "name"), (4, "points")], problems.Items.Select(p => (p.Line, p.Field)));
        Assert.All(problems.Items, p => Assert.Contains("differs from line 2", p.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(problems.Items, p => p.Message.Contains("张", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralRowsOfOneMember_EachNeedACard()
    {
        var (_, problems) = Parse("member_number,name,card_uid\n9301,a,0A000001\n9301,,\n");

        Assert.Equal(3, Single(problems).Line);
    }

    [Fact]
    public void OneRowWithoutACard_IsAMemberWithoutCards_WhenItHasAQrToken()
    {
        var (file, problems) = Parse("member_number,card_uid,qr_token\n9401,,KM1:xyz\n");

        Assert.Equal(0, problems.Count);
        Assert.Empty(file.Batch.Members[0].Cards);
    }

    [Fact]
    public void Header_UnknownAndDuplicateColumns_AreReported()
    {
        var (_, problems) = Parse("member_number,card_uid,nickname,card_uid\n1,01020304,x,01020304\n");

        Assert.Contains(problems.Items, p => p.Line == 1 && p.Field == "nickname" && p.Message.Contains("unknown column", StringComparison.Ordinal));
        Assert.Contains(problems.Items, p => p.Line == 1 && p.Field == "card_uid" && p.Message.Contains("twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Header_WithoutMemberNumber_IsReported_AndNoRowIsRead()
    {
        var (file, problems) = Parse("name,card_uid\n张三,01020304\n");

        Assert.Equal((1, "member_number"), (Single(problems).Line, Single(problems).Field));
        Assert.Empty(file.Batch.Members);
    }

    [Fact]
    public void Header_WithoutAnyWayToRecogniseAMember_IsReported()
    {
        var (_, problems) = Parse("member_number,name\n1,a\n");

        Assert.Contains("card_uid, card_number or qr_token", Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARowWithTooManyFields_IsReported_WithAHintAboutQuotes()
    {
        var (_, problems) = Parse("member_number,name,card_uid\n1,Smith, John,01020304\n");

        Assert.Equal(2, Single(problems).Line);
        Assert.Contains("double quotes", Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnclosedQuote_IsReportedOnTheLineWhereTheFieldStarts()
    {
        var (_, problems) = Parse("member_number,name,card_uid\n1,a,01020304\n2,\"b,01020305\n3,c,01020306\n");

        Assert.Contains(problems.Items, p => p.Line == 3 && p.Message.Contains("never closed", StringComparison.Ordinal));
    }

    [Fact]
    public void AQuoteInsideAnUnquotedField_IsReported()
    {
        var (_, problems) = Parse("member_number,name,card_uid\n1,5\" tall,01020304\n");

        Assert.Contains(problems.Items, p => p.Line == 2 && p.Message.Contains("inside an unquoted field", StringComparison.Ordinal));
    }

    [Fact]
    public void BlankLines_AreSkipped_AndTheByteOrderMarkIsNotPartOfTheFirstColumn()
    {
        var (file, problems) = Parse("\uFEFFmember_number,card_uid\n\n1,01020304\n,\n\n");

        Assert.Equal(0, problems.Count);
        Assert.Equal([3], file.MemberLines);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void AnEmptyFile_IsReported(string text) =>
        Assert.Contains("empty", Single(Parse(text).Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void AHeaderWithoutRows_IsReported() =>
        Assert.Contains("no member rows", Single(Parse("member_number,card_uid\n").Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void AnEmptyMemberNumber_IsReported()
    {
        var (_, problems) = Parse("member_number,card_uid\n,01020304\n");

        Assert.Equal((2, "member_number"), (Single(problems).Line, Single(problems).Field));
    }
}
