using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KioskAgent.Rewards;

/// <summary>
/// What redemption did since start, as .NET metrics (meter "KioskAgent.Rewards") and as health
/// counters: redemptions.redeemed, redemptions.redeemed_offline, redemptions.refused.{reason},
/// redemptions.confirmed, redemptions.rejected.{reason}, vouchers.{state}.
/// </summary>
public sealed class RedemptionCounters : IDisposable
{
    public const string MeterName = "KioskAgent.Rewards";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _redemptions;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public RedemptionCounters() =>
        _redemptions = _meter.CreateCounter<long>("kiosk.redemptions", description: "Redemption steps by outcome");

    public void Redeemed(bool offline)
    {
        Count("redeemed", "");
        if (offline)
        {
            Increment("redemptions.redeemed_offline");
        }
    }

    public void Refused(string reason) => Count("refused", reason);

    public void Settled(bool accepted, string reason) => Count(accepted ? "confirmed" : "rejected", accepted ? "" : reason);

    public void Voucher(string state) => Increment($"vouchers.{state}");

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public long Get(string key) => _counts.GetValueOrDefault(key);

    public void Dispose() => _meter.Dispose();

    private void Count(string outcome, string reason)
    {
        _redemptions.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));
        Increment(reason.Length > 0 ? $"redemptions.{outcome}.{reason}" : $"redemptions.{outcome}");
    }

    private void Increment(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
}
