namespace KioskAgent.Activities;

/// <summary>
/// When an activity takes taps: from <see cref="Opens"/> less the early tolerance (inclusive) until
/// <see cref="Closes"/> plus the late tolerance (exclusive), so consecutive windows never overlap.
/// </summary>
public sealed record ActivityWindow(DateTimeOffset Opens, DateTimeOffset Closes, TimeSpan EarlyTolerance = default, TimeSpan LateTolerance = default)
{
    /// <summary>The first instant a tap is accepted.</summary>
    public DateTimeOffset AcceptsFrom => Opens - EarlyTolerance;

    /// <summary>The first instant a tap is too late.</summary>
    public DateTimeOffset AcceptsUntil => Closes + LateTolerance;
}
