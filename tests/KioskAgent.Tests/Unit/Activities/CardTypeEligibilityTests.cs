using KioskAgent.Activities;
using KioskAgent.Members;
using KioskAgent.Members.Import;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Activities;

/// <summary>A card's type from a member file, through the real (SQLite) member cache, to a check-in decision.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CardTypeEligibilityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly string _directory = TestPaths.NewTempDirectory("card-types");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ImportedCardType_DecidesCardTypeEligibility()
    {
        var problems = new MemberFileProblems();
        var file = MemberCsvParser.Parse("""
            member_number,name,level,card_uid,card_state,卡类型
            1001,张三,gold,04A1B2C3,active,stored_value
            1002,李四,gold,04A1B2C4,正常,points
            """, problems);
        Assert.Equal(0, problems.Count);
        using var cache = new MemberCache(_directory, MemberRecords.Secret);
        cache.Import(file.Batch, Now);
        var activity = new Activity
        {
            Id = "sv-day",
            Window = new ActivityWindow(Now.AddHours(-1), Now.AddHours(1)),
            Eligibility = new ActivityEligibility { CardTypes = new HashSet<string> { "stored_value" } },
        };

        var accepted = Decide(activity, cache.FindByCardUid("04A1B2C3"), "04A1B2C3");
        var refused = Decide(activity, cache.FindByCardUid("04A1B2C4"), "04A1B2C4");

        Assert.True(accepted.IsAccepted);
        Assert.Equal(CheckInOutcome.NotEligible, refused.Outcome);
        Assert.Equal(EligibilityRule.CardType, refused.Ineligible);
        Assert.Contains("'points'", refused.Detail, StringComparison.Ordinal);
    }

    private static CheckInDecision Decide(Activity activity, Member? member, string card) =>
        new CheckInRules(new FakeTimeProvider(Now)).Decide(new CheckInRequest
        {
            Activity = activity,
            Member = member,
            Card = card,
            SiteZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        });
}
