using KioskAgent.Journal;

namespace KioskAgent.CentralLink;

/// <summary>
/// The transactions sent to central and not yet acknowledged, at most <c>maxInFlight</c> of them.
/// Each is due to be sent again after an ack timeout that doubles with every attempt, with
/// ±20 % jitter so a fleet coming back from an outage does not resend in lockstep, capped at
/// <c>maxAckTimeout</c>. Pure bookkeeping: the clock and the randomness come from outside.
/// </summary>
public sealed class OutboxWindow(int maxInFlight, TimeSpan ackTimeout, TimeSpan maxAckTimeout, Func<double>? random = null)
{
    private readonly SortedDictionary<long, InFlight> _inFlight = [];
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>The highest sequence taken into the window since the last <see cref="Reset"/>.</summary>
    public long Cursor { get; private set; }

    public int Count => _inFlight.Count;

    public int Free => Math.Max(0, maxInFlight - _inFlight.Count);

    /// <summary>Forget everything in flight: after a reconnect every unacknowledged transaction goes again.</summary>
    public void Reset()
    {
        _inFlight.Clear();
        Cursor = 0;
    }

    /// <summary>Records a (re)send of <paramref name="entry"/> at <paramref name="now"/>.</summary>
    public void Sent(JournalEntry entry, DateTimeOffset now)
    {
        var attempts = _inFlight.TryGetValue(entry.Sequence, out var previous) ? previous.Attempts + 1 : 1;
        _inFlight[entry.Sequence] = new InFlight(entry, attempts, now + Timeout(attempts));
        Cursor = Math.Max(Cursor, entry.Sequence);
    }

    /// <summary>Central settled it: it leaves the window and frees a place.</summary>
    public bool Settled(long sequence) => _inFlight.Remove(sequence);

    /// <summary>In-flight entries whose ack timeout has passed, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Due(DateTimeOffset now) =>
        [.. _inFlight.Values.Where(f => f.DueAt <= now).Select(f => f.Entry)];

    /// <summary>When the next ack timeout runs out; null when nothing is in flight.</summary>
    public DateTimeOffset? NextDue => _inFlight.Count == 0 ? null : _inFlight.Values.Min(f => f.DueAt);

    public int Attempts(long sequence) => _inFlight.TryGetValue(sequence, out var f) ? f.Attempts : 0;

    private TimeSpan Timeout(int attempts)
    {
        var doubled = ackTimeout.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var capped = Math.Min(doubled, maxAckTimeout.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + (0.4 * _random())));
    }

    private sealed record InFlight(JournalEntry Entry, int Attempts, DateTimeOffset DueAt);
}
