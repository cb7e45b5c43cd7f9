namespace KioskAgent.Camera;

/// <summary>
/// Decides which codes in a frame are new taps: a code held in view is one tap, however many frames
/// show it; it must be out of view for <c>goneAfter</c> before showing it again is another tap (a
/// phone tilted into glare for a moment is still the same tap). Bounded: it remembers at most
/// <see cref="Capacity"/> codes. Pure: it uses the frames' own timestamps; not thread-safe.
/// </summary>
public sealed class QrDebouncer(Func<TimeSpan> goneAfter)
{
    public const int Capacity = 16;

    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    public QrDebouncer(TimeSpan goneAfter)
        : this(() => goneAfter)
    {
    }

    /// <summary>The codes of a frame taken at <paramref name="at"/> that were not in view; every code's "last seen" moves to <paramref name="at"/>.</summary>
    public IReadOnlyList<string> Seen(IEnumerable<string> codes, DateTimeOffset at)
    {
        var window = goneAfter();
        foreach (var gone in _lastSeen.Where(e => at - e.Value >= window).Select(e => e.Key).ToList())
        {
            _lastSeen.Remove(gone);
        }

        var fresh = new List<string>();
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            if (!_lastSeen.ContainsKey(code))
            {
                fresh.Add(code);
            }

            _lastSeen[code] = at;
        }

        while (_lastSeen.Count > Capacity)
        {
            _lastSeen.Remove(_lastSeen.MinBy(e => e.Value).Key);
        }

        return fresh;
    }

    /// <summary>Codes currently in view.</summary>
    public int InView => _lastSeen.Count;
}
