namespace KioskAgent.Members;

/// <summary>The birthday greeting (生日祝福) shows during the member's birthday week.</summary>
public static class BirthdayWeek
{
    /// <summary>
    /// True when today is within three days before or after this year's birthday (a seven-day week
    /// centred on it, across the turn of the year). 29 February is celebrated on 28 February in
    /// other years.
    /// </summary>
    public static bool Contains(DateOnly? birthday, DateOnly today)
    {
        if (birthday is not { } b)
        {
            return false;
        }

        foreach (var year in new[] { today.Year - 1, today.Year, today.Year + 1 })
        {
            var day = Math.Min(b.Day, DateTime.DaysInMonth(year, b.Month));
            var anniversary = new DateOnly(year, b.Month, day);
            if (Math.Abs(anniversary.DayNumber - today.DayNumber) <= 3)
            {
                return true;
            }
        }

        return false;
    }
}
