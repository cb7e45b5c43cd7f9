using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Vouchers;

/// <summary>
/// The voucher part of the reference central: learns every voucher from the kiosks' Redemption
/// transactions and every use from their VoucherUse transactions (the first use of a code wins;
/// later ones are counted as <see cref="DoubleUses"/>), and answers voucher queries (shared work on
/// vouchers/query) on the asking kiosk's own vouchers/answer topic with the query's correlation
/// data. A redemption central rejected is answered as rejected. Add it after the transaction part:
/// it reads that part's verdicts from the store.
/// </summary>
public sealed class CentralVouchers : ICentralPart
{
    private readonly TransactionStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, VoucherIssue> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VoucherUseSeen> _used = new(StringComparer.Ordinal);
    private ICentralPublisher? _publisher;
    private long _answered;
    private long _refused;
    private long _doubleUses;

    public CentralVouchers(TransactionStore store, TimeProvider? time = null)
    {
        _store = store;
        _time = time ?? TimeProvider.System;
        foreach (var kiosk in store.Kiosks)
        {
            foreach (var stored in store.For(kiosk))
            {
                if (TryParse(stored.Payload) is { } transaction)
                {
                    Learn(transaction);
                }
            }
        }
    }

    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Queries not answered: unreadable, or with a response topic that is not the asking kiosk's own vouchers/answer.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Uses of a voucher that had been used already (two kiosks apart, each deciding alone).</summary>
    public long DoubleUses => Interlocked.Read(ref _doubleUses);

    /// <summary>Answers queries when true (tests switch it off to see the kiosk's timeout).</summary>
    public bool AnswerQueries { get; set; } = true;

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) =>
        [new(topics.AllTransactions, Shared: true), new($"{topics.Root}/+/+/vouchers/query", Shared: true)];

    public void Attach(ICentralPublisher publisher) => _publisher = publisher;

    public Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        if (message.Subtopic == "tx")
        {
            foreach (var transaction in CentralMessages.TryParseTransactions(message.Mqtt, out _) ?? [])
            {
                if (transaction.KioskId == message.KioskId && transaction.SiteId == message.SiteId)
                {
                    Learn(transaction);
                }
            }
        }
        else if (message.Subtopic == "vouchers/query" && AnswerQueries && _publisher is { } publisher)
        {
            // Answered only on the asking kiosk's own answer topic (as member queries are).
            var ownAnswerTopic = $"{publisher.Topics.KioskBase(message.SiteId, message.KioskId)}/vouchers/answer";
            if (message.Mqtt.ResponseTopic != ownAnswerTopic || CentralMessages.TryParse<VoucherQuery>(message.Mqtt) is not { VoucherCode.Length: > 0 } query)
            {
                Interlocked.Increment(ref _refused);
                return Task.CompletedTask;
            }

            var correlation = message.Mqtt.CorrelationData;
            _ = Task.Run(() => AnswerAsync(publisher, Answer(query.VoucherCode), ownAnswerTopic, correlation), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>What central knows of the voucher now.</summary>
    public VoucherAnswer Answer(string voucherCode)
    {
        var answer = new VoucherAnswer { VoucherCode = voucherCode, AsOf = Timestamp.FromDateTimeOffset(_time.GetUtcNow()) };
        if (!_issued.TryGetValue(voucherCode, out var issue))
        {
            return answer;
        }

        answer.Found = true;
        answer.RedemptionTransactionId = issue.TransactionId;
        answer.GiftCode = issue.GiftCode;
        answer.MemberNumber = issue.MemberNumber;
        answer.IssuedAt = issue.IssuedAt;
        answer.IssuedSiteId = issue.Kiosk.SiteId;
        answer.IssuedKioskId = issue.Kiosk.KioskId;
        if (_store.Find(issue.TransactionId) is { Outcome: TransactionOutcome.Rejected } rejected)
        {
            answer.Rejected = true;
            answer.RejectedReason = rejected.Reason;
        }

        if (_used.TryGetValue(voucherCode, out var use))
        {
            answer.UsedAt = use.UsedAt;
            answer.UsedKioskId = use.Kiosk.KioskId;
            answer.UsedBy = use.StaffName;
        }

        return answer;
    }

    private void Learn(Transaction transaction)
    {
        var kiosk = new KioskKey(transaction.SiteId, transaction.KioskId);
        if (transaction.BodyCase == Transaction.BodyOneofCase.Redemption && transaction.Redemption.VoucherCode.Length > 0)
        {
            var r = transaction.Redemption;
            _issued.TryAdd(r.VoucherCode, new VoucherIssue(transaction.Id, kiosk, r.GiftCode, r.MemberNumber, transaction.OccurredAt));
        }
        else if (transaction.BodyCase == Transaction.BodyOneofCase.VoucherUse)
        {
            var use = new VoucherUseSeen(transaction.Id, kiosk, transaction.OccurredAt, transaction.VoucherUse.StaffName);
            if (!_used.TryAdd(transaction.VoucherUse.VoucherCode, use) && _used[transaction.VoucherUse.VoucherCode].TransactionId != transaction.Id)
            {
                Interlocked.Increment(ref _doubleUses);
            }
        }
    }

    private async Task AnswerAsync(ICentralPublisher publisher, VoucherAnswer answer, string topic, byte[]? correlation)
    {
        var sent = await publisher.PublishAsync(topic, answer, CancellationToken.None, b =>
        {
            if (correlation is not null)
            {
                b.WithCorrelationData(correlation);
            }
        }).ConfigureAwait(false);
        if (sent)
        {
            Interlocked.Increment(ref _answered);
        }
    }

    private static Transaction? TryParse(string json)
    {
        try
        {
            return CentralMessages.Parser.Parse<Transaction>(json);
        }
        catch (Exception ex) when (ex is Google.Protobuf.InvalidProtocolBufferException or Google.Protobuf.InvalidJsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record VoucherIssue(string TransactionId, KioskKey Kiosk, string GiftCode, string MemberNumber, Timestamp IssuedAt);

    private sealed record VoucherUseSeen(string TransactionId, KioskKey Kiosk, Timestamp UsedAt, string StaffName);
}
