using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KioskAgent.MemberSync;

/// <summary>
/// What the member sync did, as .NET metrics (meter "KioskAgent.MemberSync") and as health counters
/// <c>members.{what}</c>, e.g. members.delta.applied, members.delta.already_applied,
/// members.resync.requested.version_gap, members.answer.unmatched. Refusals are counted by the
/// <see cref="CentralLink.DeadLetterLog"/>, not here.
/// </summary>
public sealed class MemberSyncCounters : IDisposable
{
    public const string MeterName = "KioskAgent.MemberSync";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _events;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public MemberSyncCounters() =>
        _events = _meter.CreateCounter<long>("kiosk.member_sync", description: "Member sync events: snapshots, deltas, resyncs, live answers");

    public void Count(string what)
    {
        _events.Add(1, new KeyValuePair<string, object?>("event", what));
        _counts.AddOrUpdate($"members.{what}", 1, (_, n) => n + 1);
    }

    public long Get(string what) => _counts.GetValueOrDefault($"members.{what}");

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Dispose() => _meter.Dispose();
}
