using System.Collections.Concurrent;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Redemptions;

/// <summary>
/// The reference central's verdict on redemptions, for tests, demos and rehearsals: it accepts
/// every redemption except those of gifts it was told to refuse, which it rejects with the given
/// reason (e.g. "gift_out_of_stock"). Rules can change while central runs. Use
/// <see cref="Judge"/> as <see cref="ReferenceCentralOptions.Judge"/>; other transactions are
/// handed to <paramref name="next"/> (or accepted).
/// </summary>
public sealed class RedemptionJudge(TransactionJudge? next = null)
{
    private readonly ConcurrentDictionary<string, string> _refusedGifts = new(StringComparer.Ordinal);
    private long _accepted;
    private long _rejected;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>From now on, redemptions of <paramref name="giftCode"/> are rejected with <paramref name="reason"/>.</summary>
    public RedemptionJudge Refuse(string giftCode, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(giftCode);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        _refusedGifts[giftCode] = reason;
        return this;
    }

    /// <summary>Redemptions of <paramref name="giftCode"/> are accepted again.</summary>
    public void Allow(string giftCode) => _refusedGifts.TryRemove(giftCode, out _);

    public TransactionJudge Judge => Decide;

    private string? Decide(Transaction transaction)
    {
        if (transaction.BodyCase != Transaction.BodyOneofCase.Redemption)
        {
            return next?.Invoke(transaction);
        }

        if (_refusedGifts.TryGetValue(transaction.Redemption.GiftCode, out var reason))
        {
            Interlocked.Increment(ref _rejected);
            return reason;
        }

        Interlocked.Increment(ref _accepted);
        return null;
    }
}
