using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Taps;

/// <summary>
/// A technician's self-test takes one reader away from everybody else while it waits for a card:
/// cards presented there (and failed reads) go to the test, not to staff mode, a staff feature or
/// member self-service, so a test card never opens a member's screen. Unlike
/// <see cref="Staff.StaffTapRouter"/>, which hands every member reader to one staff feature, a claim
/// is per reader and leaves a staff feature's claim in place. One test per reader at a time.
/// </summary>
public sealed class ReaderTestClaims
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReaderTestClaim> _claims = new(StringComparer.Ordinal);

    /// <summary>True while a self-test holds <paramref name="readerId"/>.</summary>
    public bool Holds(string readerId)
    {
        lock (_gate)
        {
            return _claims.ContainsKey(readerId);
        }
    }

    /// <summary>
    /// Takes <paramref name="readerId"/> for a self-test; null when another test holds it. Await
    /// <see cref="ReaderTestClaim.NextReadAsync"/>; dispose the claim to give the reader back.
    /// </summary>
    public ReaderTestClaim? TryClaim(string readerId)
    {
        var claim = new ReaderTestClaim(readerId, Release);
        lock (_gate)
        {
            return _claims.TryAdd(readerId, claim) ? claim : null;
        }
    }

    /// <summary>Hands a presented card to the test holding its reader; false when none does.</summary>
    public bool TryTake(Tap tap) => TryTake(tap.ReaderId, new ReaderTestRead(tap, null));

    /// <summary>Hands a failed read to the test holding its reader; false when none does.</summary>
    public bool TryTake(CardReadFailed failed) => TryTake(failed.ReaderId, new ReaderTestRead(null, failed));

    private bool TryTake(string readerId, ReaderTestRead read)
    {
        lock (_gate)
        {
            if (!_claims.TryGetValue(readerId, out var claim))
            {
                return false;
            }

            // Until the test gives the reader back, a second card is not a member's tap either.
            claim.Offer(read);
            return true;
        }
    }

    private void Release(ReaderTestClaim claim)
    {
        lock (_gate)
        {
            if (_claims.TryGetValue(claim.ReaderId, out var held) && ReferenceEquals(held, claim))
            {
                _claims.Remove(claim.ReaderId);
            }
        }
    }
}
