using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Rewards;

/// <summary>
/// Redemption in the health report: the counters since start, and how many redemptions (and
/// points) this kiosk still holds for central's answer (redemptions.held, redemptions.held_points),
/// so ops can see redemptions piling up behind a link that is down.
/// </summary>
public sealed class RedemptionHealthContributor(RedemptionCounters counters, RedemptionHoldStore holds) : IHealthReportContributor
{
    public void Contribute(HealthReport report)
    {
        foreach (var (name, value) in counters.Snapshot())
        {
            report.Counters[name] = value;
        }

        var (count, points) = holds.Unanswered();
        report.Counters["redemptions.held"] = count;
        report.Counters["redemptions.held_points"] = points;
    }
}
