using System.Globalization;
using KioskAgent.Central;
using KioskAgent.Central.Transactions;

namespace Kioskctl.Fleet.Central;

/// <summary>One line of the reference central's counters, with the rate since the previous line.</summary>
public sealed class CentralStats(IReadOnlyList<ReferenceCentral> centrals, TransactionStore store, TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();
    private long _last = time.GetTimestamp();
    private long _lastReceived;

    public string Line()
    {
        var received = centrals.Sum(c => c.Transactions.Received);
        var elapsed = time.GetElapsedTime(_last).TotalSeconds;
        var rate = elapsed > 0 ? (received - _lastReceived) / elapsed : 0;
        (_last, _lastReceived) = (time.GetTimestamp(), received);
        var split = string.Join("/", centrals.Select(c => c.Transactions.Received));
        var online = centrals[0].Presence.All.Count(p => p.Online);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"t={time.GetElapsedTime(_start).TotalSeconds:0}s received {received} ({rate:0.0}/s; per instance {split}), stored {store.Count}, duplicates {store.Duplicates}, acks {centrals.Sum(c => c.Transactions.AcksSent)}, malformed {centrals.Sum(c => c.Transactions.Malformed)}, online {online}, stale states ignored {centrals[0].Presence.StaleIgnored}, connected {centrals.Count(c => c.IsConnected)}/{centrals.Count}");
    }
}
