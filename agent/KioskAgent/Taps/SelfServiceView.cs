using System.Globalization;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.Taps;

/// <summary>Puts the self-service facts (level progress, expiring points, birthday week) on the member screen.</summary>
public static class SelfServiceView
{
    public static void Fill(MemberView view, SelfServiceSummary summary)
    {
        var progress = summary.Progress;
        if (progress.Current is not null || progress.Next is not null)
        {
            view.Progress = new LevelProgressView
            {
                CurrentLevel = progress.Current?.Name ?? "",
                NextLevel = progress.Next?.Name ?? "",
                PointsToNext = progress.PointsToNext,
                Percent = (uint)Math.Round(progress.Fraction * 100),
            };
        }

        view.ExpiringPoints = summary.ExpiringPoints;
        view.ExpiringOn = summary.ExpiringOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        view.BirthdayWeek = summary.BirthdayWeek;
    }
}
