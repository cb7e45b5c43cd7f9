using System.Collections.Concurrent;

namespace KioskAgent.Vouchers;

/// <summary>
/// What the voucher desk did since start, as health counters: voucher_desk.lookup.{state},
/// voucher_desk.used, voucher_desk.refused.{reason}, voucher_desk.denied (no staff session),
/// voucher_desk.central.{sent,answered,timeout,offline,unmatched,wrong_voucher}.
/// </summary>
public sealed class VoucherCounters
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Count(string name) => _counts.AddOrUpdate($"voucher_desk.{name}", 1, (_, n) => n + 1);

    public long Get(string name) => _counts.GetValueOrDefault($"voucher_desk.{name}");

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);
}
