namespace KioskAgent.Central.Transactions;

/// <summary>
/// Which sequence numbers of one kiosk central holds: everything up to <see cref="Contiguous"/>,
/// plus those received ahead of a gap. Pure.
/// </summary>
public sealed class KioskSequence
{
    private readonly SortedSet<ulong> _ahead = [];

    /// <summary>Every sequence from 1 to this one is held (0: not even the first).</summary>
    public ulong Contiguous { get; private set; }

    public ulong Highest => _ahead.Count > 0 ? _ahead.Max : Contiguous;

    public bool Contains(ulong sequence) => sequence <= Contiguous || _ahead.Contains(sequence);

    /// <summary>Adds a sequence; false when it was already held.</summary>
    public bool Add(ulong sequence)
    {
        if (sequence == 0 || Contains(sequence))
        {
            return false;
        }

        _ahead.Add(sequence);
        while (_ahead.Count > 0 && _ahead.Min == Contiguous + 1)
        {
            Contiguous++;
            _ahead.Remove(Contiguous);
        }

        return true;
    }

    /// <summary>Sequences missing below the highest one held.</summary>
    public IReadOnlyList<ulong> Gaps()
    {
        var gaps = new List<ulong>();
        var expected = Contiguous + 1;
        foreach (var held in _ahead)
        {
            for (var missing = expected; missing < held; missing++)
            {
                gaps.Add(missing);
            }

            expected = held + 1;
        }

        return gaps;
    }
}
