namespace KioskAgent.MemberSync;

/// <summary>
/// When to ask central for a snapshot. A reason to resync is remembered until a request goes out;
/// requests are at least <c>minInterval</c> apart, so a burst of bad chunks or gaps costs central
/// one snapshot, not hundreds. A completed snapshot satisfies whatever was waiting.
/// </summary>
public sealed class ResyncScheduler(TimeProvider time, TimeSpan minInterval)
{
    private DateTimeOffset? _lastSent;

    /// <summary>The reason waiting to be sent, or null.</summary>
    public string? Wanted { get; private set; }

    public DateTimeOffset? LastSentAt => _lastSent;

    /// <summary>Notes a reason to resync; the first reason waiting is the one sent.</summary>
    public void Want(string reason) => Wanted ??= reason;

    /// <summary>Asks for a request at the next chance, whatever the interval (an operator's sync_now).</summary>
    public void WantNow(string reason)
    {
        Wanted = reason;
        _lastSent = null;
    }

    /// <summary>When a waiting request may go out (now, if none was sent yet), or null when nothing waits.</summary>
    public DateTimeOffset? DueAt => Wanted is null ? null : _lastSent is { } last ? last + minInterval : time.GetUtcNow();

    /// <summary>True (with the reason) when a request should go out now; the caller sends it.</summary>
    public bool TryTake(out string reason)
    {
        reason = "";
        var now = time.GetUtcNow();
        if (Wanted is null || (_lastSent is { } last && now - last < minInterval))
        {
            return false;
        }

        reason = Wanted;
        Wanted = null;
        _lastSent = now;
        return true;
    }

    /// <summary>A snapshot was applied: nothing is owed any more.</summary>
    public void Satisfied() => Wanted = null;

    /// <summary>The request could not be sent (offline): keep wanting it, and try again at the next chance.</summary>
    public void NotSent(string reason)
    {
        Wanted ??= reason;
        _lastSent = null;
    }
}
