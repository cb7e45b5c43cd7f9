using KioskAgent.Central.Members;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Redemptions;

/// <summary>
/// Central's books for redemptions, next to <see cref="CentralMembers"/>: once the transaction part
/// has accepted a kiosk's redemption, the member's points go down by its points and its id joins
/// the member's <c>applied_transaction_ids</c> (the last <see cref="AppliedIdsKept"/>), and the
/// change goes to every kiosk as a member delta. A kiosk then stops subtracting its own hold for
/// that redemption, so the points are taken off exactly once. A repeat of an applied redemption
/// changes nothing. Add it to <see cref="ReferenceCentralOptions.Parts"/> after the member part.
/// </summary>
public sealed class RedemptionBooks(CentralMembers members, TransactionStore store, TimeProvider? time = null) : ICentralPart
{
    public const int AppliedIdsKept = 200;

    private readonly Lock _gate = new();
    private long _applied;

    /// <summary>Redemptions applied to the member data so far.</summary>
    public long Applied
    {
        get
        {
            lock (_gate)
            {
                return _applied;
            }
        }
    }

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) => [new(topics.AllTransactions, Shared: true)];

    public void Attach(ICentralPublisher publisher)
    {
    }

    public async Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        foreach (var transaction in CentralMessages.TryParseTransactions(message.Mqtt, out _) ?? [])
        {
            await ApplyAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        // The transaction part handled this message first and stored central's verdict.
        if (transaction.BodyCase != Transaction.BodyOneofCase.Redemption || store.Find(transaction.Id)?.Outcome != TransactionOutcome.Accepted)
        {
            return;
        }

        MemberDelta delta;
        lock (_gate)
        {
            if (members.Dataset.Find(transaction.Redemption.MemberNumber) is not { } member || member.AppliedTransactionIds.Contains(transaction.Id))
            {
                return;
            }

            delta = members.Dataset.Change(member.MemberNumber, m => Apply(m, transaction), (time ?? TimeProvider.System).GetUtcNow());
            _applied++;
        }

        await members.PublishDeltaAsync(delta, cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(MemberRecord member, Transaction transaction)
    {
        member.Points = Math.Max(0, member.Points - transaction.Redemption.Points);
        member.AppliedTransactionIds.Add(transaction.Id);
        while (member.AppliedTransactionIds.Count > AppliedIdsKept)
        {
            member.AppliedTransactionIds.RemoveAt(0);
        }
    }
}
