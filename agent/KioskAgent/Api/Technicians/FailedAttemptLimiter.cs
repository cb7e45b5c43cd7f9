namespace KioskAgent.Api.Technicians;

/// <summary>
/// Counts failed sign-ins in a row per key and locks a key out for a while after too many, so a
/// local process cannot try passwords at PBKDF2 speed. Keys are configured user names plus two
/// fixed buckets (unknown users, bearer tokens), so the table cannot grow without bound.
/// </summary>
public sealed class FailedAttemptLimiter(int maxFailures, TimeSpan lockout, TimeProvider time)
{
    private readonly Dictionary<string, (int Failures, DateTimeOffset LockedUntil)> _keys = new(StringComparer.Ordinal);

    /// <summary>How much longer the key is locked out; zero when it is not.</summary>
    public TimeSpan LockedFor(string key)
    {
        lock (_keys)
        {
            var now = time.GetUtcNow();
            return _keys.TryGetValue(key, out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>Records a failure; returns the failures in a row and whether the key is now locked out.</summary>
    public (int Failures, bool LockedOut) Fail(string key)
    {
        lock (_keys)
        {
            var now = time.GetUtcNow();
            // A lockout starts the count afresh, so after it ends the key gets maxFailures tries again.
            var failures = (_keys.TryGetValue(key, out var entry) ? entry.Failures : 0) + 1;
            var locked = failures >= maxFailures;
            _keys[key] = (locked ? 0 : failures, locked ? now + lockout : default);
            return (failures, locked);
        }
    }

    public void Succeed(string key)
    {
        lock (_keys)
        {
            _keys.Remove(key);
        }
    }
}
