using KioskAgent.Commands.Logs;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class LogScrubberTests
{
    [Theory]
    [InlineData("member 13812345678 tapped", "member [digits] tapped")]
    [InlineData("call 138-1234-5678 now", "call [digits] now")]
    [InlineData("call +86 138 1234 5678", "call [digits]")]
    [InlineData("id 11010519491231002X", "id [digits]")]
    [InlineData("phone=13812345678;", "phone=[digits];")]
    [InlineData("member number 80001001", "member number [digits]")]
    public void Scrub_ReplacesPhonesIdsAndMemberNumbers(string line, string expected) =>
        Assert.Equal(expected, LogScrubber.Scrub(line));

    [Theory]
    [InlineData("Published transaction #42 019ab1c2-7d3e-7abc-8def-0123456789ab")]
    [InlineData("Card 04A1B2C3D4E5F6 on member-1 at port 18830")]
    [InlineData("session 01234567-8901-7234-8567-890123456789ab")]
    [InlineData("2026-11-22T10:00:00.123Z took 153 ms")]
    public void Scrub_KeepsShortNumbersUidsAndTimes(string line) =>
        Assert.Equal(line, LogScrubber.Scrub(line));

    [Fact]
    public void RecentLogs_KeepsTheLastLinesInOrder_ScrubbedAndBounded()
    {
        var logs = new RecentLogs();
        for (var i = 0; i < RecentLogs.Capacity + 5; i++)
        {
            logs.Add($"line {i} phone 1390000{i % 10}111");
        }

        var last = logs.Last(3);
        Assert.Equal([$"line {RecentLogs.Capacity + 2} phone [digits]", $"line {RecentLogs.Capacity + 3} phone [digits]", $"line {RecentLogs.Capacity + 4} phone [digits]"], last);
        Assert.Equal(RecentLogs.Capacity, logs.Last(int.MaxValue).Count);
        logs.Add(new string('x', 5000));
        Assert.True(logs.Last(1)[0].Length <= RecentLogs.MaxLineLength + 1);
    }
}
