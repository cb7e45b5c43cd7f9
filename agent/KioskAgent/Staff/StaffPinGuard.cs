using Microsoft.Extensions.Options;

using KioskAgent.Contracts.Staff;

namespace KioskAgent.Staff;

/// <summary>
/// Checks PINs one at a time, and locks a staff card out after <see cref="StaffOptions.MaxPinTries"/>
/// wrong PINs in a row: the first lockout lasts <see cref="StaffOptions.LockoutSeconds"/>, each further
/// one (without a good PIN between) twice as long, up to <see cref="StaffOptions.MaxLockoutSeconds"/>.
/// Every check takes the one gate, so parallel tries cannot pass the limit between a check and its
/// count; a locked card's PIN is not even hashed. A card that is not on the staff list is checked
/// against a hash of the same cost and counted and locked like any other, so the caller cannot tell
/// it from a wrong PIN. Lockouts are kept in memory for at most <see cref="MaxTrackedCards"/> cards.
/// </summary>
public sealed class StaffPinGuard(IOptions<StaffOptions> options, TimeProvider time)
{
    public const int MaxTrackedCards = 1024;

    private static readonly Lazy<string> UnknownCardHash = new(() => StaffPinHash.Hash("00000000"));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, CardState> _cards = new(StringComparer.Ordinal);
    private long _checked;

    /// <summary>PINs actually hashed and compared (tests: no more than the limit get through).</summary>
    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>The card's lockout end, when it is locked now.</summary>
    public DateTimeOffset? LockedUntil(string cardKey)
    {
        lock (_cards)
        {
            return _cards.TryGetValue(cardKey, out var state) && state.LockedUntil > time.GetUtcNow() ? state.LockedUntil : null;
        }
    }

    public async Task<PinCheckResult> CheckAsync(string cardKey, StaffMember? member, string pin, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (LockedUntil(cardKey) is { } until)
            {
                return new PinCheckResult(PinOutcome.Locked, until);
            }

            Interlocked.Increment(ref _checked);
            var good = StaffPinHash.IsValidPin(pin) && StaffPinHash.Verify(pin, member?.PinHash ?? UnknownCardHash.Value) && member is not null;
            return good ? Passed(cardKey) : Failed(cardKey);
        }
        finally
        {
            _gate.Release();
        }
    }

    private PinCheckResult Passed(string cardKey)
    {
        lock (_cards)
        {
            _cards.Remove(cardKey);
        }

        return new PinCheckResult(PinOutcome.Accepted);
    }

    private PinCheckResult Failed(string cardKey)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        lock (_cards)
        {
            if (!_cards.TryGetValue(cardKey, out var state))
            {
                Prune(now);
                state = new CardState();
                _cards[cardKey] = state;
            }

            state.Failures++;
            state.LastFailure = now;
            if (state.Failures < o.MaxPinTries)
            {
                return new PinCheckResult(PinOutcome.Wrong);
            }

            state.Failures = 0;
            var seconds = Math.Min((double)o.MaxLockoutSeconds, o.LockoutSeconds * Math.Pow(2, Math.Min(state.Lockouts, 30)));
            state.Lockouts++;
            state.LockedUntil = now.AddSeconds(seconds);
            return new PinCheckResult(PinOutcome.Locked, state.LockedUntil, JustLocked: true);
        }
    }

    /// <summary>Keeps the table bounded: the cards whose last wrong PIN is oldest and that are not locked go first.</summary>
    private void Prune(DateTimeOffset now)
    {
        if (_cards.Count < MaxTrackedCards)
        {
            return;
        }

        foreach (var key in _cards.Where(c => c.Value.LockedUntil <= now).OrderBy(c => c.Value.LastFailure).Take(_cards.Count - MaxTrackedCards + 1).Select(c => c.Key).ToList())
        {
            _cards.Remove(key);
        }
    }

    private sealed class CardState
    {
        public int Failures { get; set; }

        public int Lockouts { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public DateTimeOffset LastFailure { get; set; }
    }
}
