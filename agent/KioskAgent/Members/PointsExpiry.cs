namespace KioskAgent.Members;

/// <summary>Points that will expire soon, so the screen can warn before they are lost.</summary>
public static class PointsExpiry
{
    /// <summary>The points expiring from today through <paramref name="days"/> days ahead, and the earliest date.</summary>
    public static (long Points, DateOnly? EarliestDate) Within(IEnumerable<PointsLot> lots, DateOnly today, int days)
    {
        var horizon = today.AddDays(days);
        var soon = lots.Where(l => l.Points > 0 && l.ExpiresOn is { } on && on >= today && on <= horizon).ToList();
        return soon.Count == 0 ? (0, null) : (soon.Sum(l => l.Points), soon.Min(l => l.ExpiresOn));
    }
}
