namespace KioskAgent.Draws;

/// <summary>Freezes a draw's pool: excluded entrants out, the rest sorted by the UTF-8 bytes of their id.</summary>
public static class DrawPool
{
    /// <summary>The most bytes of an entrant id: a short code the attendee can read, not a document.</summary>
    public const int MaxIdBytes = 64;

    public static IReadOnlyList<DrawEntrant> Freeze(IEnumerable<DrawEntrant> candidates, IEnumerable<DrawExclusion> excluded)
    {
        var excludedIds = excluded.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var pool = new List<DrawEntrant>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entrant in candidates)
        {
            if (string.IsNullOrEmpty(entrant.Id) || System.Text.Encoding.UTF8.GetByteCount(entrant.Id) > MaxIdBytes)
            {
                throw new ArgumentException($"an entrant id must have 1 to {MaxIdBytes} UTF-8 bytes");
            }

            if (!seen.Add(entrant.Id))
            {
                throw new ArgumentException($"entrant id {entrant.Id} is in the pool twice");
            }

            if (!excludedIds.Contains(entrant.Id))
            {
                pool.Add(entrant);
            }
        }

        pool.Sort((a, b) => DrawEncoding.Utf8Order.Compare(a.Id, b.Id));
        return pool;
    }
}
