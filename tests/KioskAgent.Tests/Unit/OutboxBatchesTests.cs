using Google.Protobuf;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class OutboxBatchesTests
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    [Fact]
    public void Group_KeepsSequenceOrder_AndCutsAtTheCount()
    {
        var entries = Entries(1, 12);

        var groups = OutboxBatches.Group(entries, maxCount: 5, maxBytes: 64 * 1024);

        Assert.Equal([5, 5, 2], groups.Select(g => g.Count));
        Assert.Equal(entries.Select(e => e.Sequence), groups.SelectMany(g => g).Select(e => e.Sequence));
    }

    [Fact]
    public void Group_CutsBeforeTheByteLimit_AndAnEntryTooBigToShareGoesAlone()
    {
        var small = Entries(1, 4);
        var big = Entry(5, new string('x', 3_000));
        var size = System.Text.Encoding.UTF8.GetByteCount(small[0].Payload);

        var groups = OutboxBatches.Group([.. small, big, .. Entries(6, 2)], maxCount: 50, maxBytes: (2 * size) + 40);

        Assert.Equal([[1, 2], [3, 4], [5], [6, 7]], groups.Select(g => g.Select(e => e.Sequence).ToArray()));
        Assert.All(groups.Where(g => g.Count > 1), g => Assert.True(System.Text.Encoding.UTF8.GetByteCount(OutboxBatches.BatchPayload(g)) <= (2 * size) + 40));
    }

    [Fact]
    public void Group_OfOne_AndOfNothing()
    {
        Assert.Equal([[1L]], OutboxBatches.Group(Entries(1, 1), 50, 64 * 1024).Select(g => g.Select(e => e.Sequence).ToArray()));
        Assert.Empty(OutboxBatches.Group([], 50, 64 * 1024));
        Assert.Equal(3, OutboxBatches.Group(Entries(1, 3), 1, 64 * 1024).Count);
    }

    [Fact]
    public void BatchPayload_IsATransactionBatch_WhoseElementsAreTheTransactionsAsCommitted()
    {
        var entries = Entries(7, 3);

        var batch = JsonParser.Default.Parse<TransactionBatch>(OutboxBatches.BatchPayload(entries));

        Assert.Equal(entries.Select(e => JsonParser.Default.Parse<Transaction>(e.Payload)), batch.Transactions);
        Assert.Equal(entries.Select(e => e.Payload), batch.Transactions.Select(t => Json.Format(t)));
    }

    private static JournalEntry[] Entries(long first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Entry(first + i, "04A1B2C3D4E5F6"))];

    private static JournalEntry Entry(long sequence, string cardUid)
    {
        var transaction = new Transaction
        {
            Id = Guid.CreateVersion7().ToString(),
            KioskId = "kiosk-01",
            SiteId = "site-01",
            Sequence = (ulong)sequence,
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(20_000)),
            CardTap = new CardTap { ReaderId = "member-1", CardUid = cardUid, MemberNumber = "王小明-80001001", Accepted = true },
        };
        return new JournalEntry(sequence, transaction.Id, "card_tap", transaction.OccurredAt.ToDateTimeOffset(), Json.Format(transaction));
    }
}
