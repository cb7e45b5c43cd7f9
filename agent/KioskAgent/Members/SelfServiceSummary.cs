namespace KioskAgent.Members;

/// <summary>
/// The self-service facts shown after a tap, beyond balance and points: level and progress to the
/// next, points expiring soon, and whether to greet the member for their birthday. Pure: the caller
/// supplies the level table and the site's "today".
/// </summary>
public sealed record SelfServiceSummary(LevelProgress Progress, long ExpiringPoints, DateOnly? ExpiringOn, bool BirthdayWeek)
{
    /// <summary>How far ahead the screen warns about expiring points unless configured otherwise.</summary>
    public const int DefaultExpiryWarningDays = 30;

    public static SelfServiceSummary Compose(Member member, IReadOnlyCollection<MemberLevel> levels, DateOnly today, int expiryWarningDays = DefaultExpiryWarningDays)
    {
        var progress = LevelProgress.Compute(levels, member.Level, member.LifetimePoints);
        var (expiring, earliest) = PointsExpiry.Within(member.PointsLots, today, expiryWarningDays);
        return new SelfServiceSummary(progress, expiring, earliest, Members.BirthdayWeek.Contains(member.Birthday, today));
    }
}
