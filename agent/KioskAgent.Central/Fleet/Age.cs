using System.Globalization;

namespace KioskAgent.Central.Fleet;

/// <summary>Short human ages for a table column: "4s", "2m10s", "3h05m", "6d".</summary>
public static class Age
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            // Kiosk clock ahead of ours: it was just now.
            age = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        return age.TotalSeconds switch
        {
            < 60 => string.Create(c, $"{(int)age.TotalSeconds}s"),
            < 3600 => string.Create(c, $"{(int)age.TotalMinutes}m{age.Seconds:00}s"),
            < 86400 => string.Create(c, $"{(int)age.TotalHours}h{age.Minutes:00}m"),
            _ => string.Create(c, $"{(int)age.TotalDays}d"),
        };
    }

    public static string Since(DateTimeOffset? at, DateTimeOffset now) => at is { } t ? Format(now - t) : "-";
}
