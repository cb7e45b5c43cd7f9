using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Vouchers;

/// <summary>The voucher desk's counters in the health report, and how many vouchers this kiosk has marked used (voucher_desk.uses).</summary>
public sealed class VoucherHealthContributor(VoucherCounters counters, VoucherUseStore uses) : IHealthReportContributor
{
    public void Contribute(HealthReport report)
    {
        foreach (var (name, value) in counters.Snapshot())
        {
            report.Counters[name] = value;
        }

        report.Counters["voucher_desk.uses"] = uses.Count();
    }
}
