namespace KioskAgent.Api.Technicians;

/// <summary>
/// Counts failed sign-ins in a row per key and locks a key out for a while after too many, so a
/// local process cannot try passwords at PBKDF2 speed. A check is claimed before it starts
/// (<see cref="TryBegin"/>): checks already running count against the limit, so parallel callers
/// get no more checks than one caller would, and a check that ends after a lockout began cannot
/// shorten or end it. Keys are configured user names plus one fixed bucket for unknown users, so
/// the table cannot grow without bound.
/// </summary>
public sealed class FailedAttemptLimiter(int maxFailures, TimeSpan lockout, TimeProvider time)
{
    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims one check for <paramref name="key"/>. False while the key is locked out, or while the
    /// failures so far plus the checks in flight could already lock it; <paramref name="lockedFor"/>
    /// then says how long at least (zero when only checks in flight stand in the way).
    /// </summary>
    public bool TryBegin(string key, out TimeSpan lockedFor)
    {
        lock (_keys)
        {
            var now = time.GetUtcNow();
            var entry = _keys.GetValueOrDefault(key);
            lockedFor = entry.LockedUntil > now ? entry.LockedUntil - now : TimeSpan.Zero;
            if (lockedFor > TimeSpan.Zero || entry.Failures + entry.InFlight >= maxFailures)
            {
                return false;
            }

            _keys[key] = entry with { InFlight = entry.InFlight + 1 };
            return true;
        }
    }

    /// <summary>Ends a claimed check that failed; returns the failures in a row and whether the key is now locked out.</summary>
    public (int Failures, bool LockedOut) Fail(string key)
    {
        lock (_keys)
        {
            var now = time.GetUtcNow();
            var entry = _keys.GetValueOrDefault(key);
            var failures = entry.Failures + 1;
            var locked = failures >= maxFailures;

            // A lockout starts the count afresh, so after it ends the key gets maxFailures tries again.
            _keys[key] = new Entry(
                locked ? 0 : failures,
                Math.Max(0, entry.InFlight - 1),
                locked ? now + lockout : entry.LockedUntil);
            return (failures, locked);
        }
    }

    /// <summary>Ends a claimed check that succeeded: the failures in a row are forgotten.</summary>
    public void Succeed(string key)
    {
        lock (_keys)
        {
            var entry = _keys.GetValueOrDefault(key);
            if (entry.InFlight <= 1 && entry.LockedUntil <= time.GetUtcNow())
            {
                _keys.Remove(key);
            }
            else
            {
                _keys[key] = entry with { Failures = 0, InFlight = Math.Max(0, entry.InFlight - 1) };
            }
        }
    }

    private readonly record struct Entry(int Failures, int InFlight, DateTimeOffset LockedUntil);
}
