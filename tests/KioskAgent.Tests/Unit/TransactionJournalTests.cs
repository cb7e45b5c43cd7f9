using System.Text.Json;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class TransactionJournalTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("journal");
    private readonly KioskOptions _kiosk = new() { KioskId = "k1", SiteId = "s1" };

    private string DbPath => Path.Combine(_directory, TransactionJournal.FileName);

    private static Transaction Tap(string uid) => new() { CardTap = new CardTap { CardUid = uid, ReaderId = "r1", Accepted = true } };

    private static TransactionAck Contiguous(ulong sequence) => new() { ContiguousSequence = sequence };

    private static TransactionResult Result(JournalEntry entry, TransactionOutcome outcome, string reason = "") =>
        new() { Id = entry.Id, Sequence = (ulong)entry.Sequence, Outcome = outcome, Reason = reason };

    private async Task<List<JournalEntry>> AppendAsync(TransactionJournal journal, int count)
    {
        var entries = new List<JournalEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(await journal.AppendAsync(Tap($"0{i}"), "card_tap", At.AddSeconds(i)));
        }

        return entries;
    }

    [Fact]
    public async Task AppendAsync_AssignsGapFreeSequenceAndUniqueIds()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entries = await AppendAsync(journal, 5);

        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Sequence));
        Assert.Equal(5, entries.Select(e => e.Id).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(7, Guid.Parse(e.Id).Version));
    }

    [Fact]
    public async Task AppendAsync_PayloadIsProtoJsonWithKioskAndSequence()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entry = await journal.AppendAsync(Tap("04A1"), "card_tap", At);

        using var json = JsonDocument.Parse(entry.Payload);
        var root = json.RootElement;
        Assert.Equal(entry.Id, root.GetProperty("id").GetString());
        Assert.Equal("k1", root.GetProperty("kioskId").GetString());
        Assert.Equal("s1", root.GetProperty("siteId").GetString());
        Assert.Equal("1", root.GetProperty("sequence").GetString());
        Assert.Equal("04A1", root.GetProperty("cardTap").GetProperty("cardUid").GetString());
    }

    [Fact]
    public async Task PendingAsync_ReturnsUnsettledInSequenceOrder_AfterTheGivenSequence()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entries = await AppendAsync(journal, 4);

        Assert.Equal(entries.Select(e => e.Id), (await journal.PendingAsync(10)).Select(e => e.Id));
        Assert.Equal([3L, 4], (await journal.PendingAsync(10, afterSequence: 2)).Select(e => e.Sequence));
        Assert.Equal([1L, 2], (await journal.PendingAsync(2)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task ApplyAck_ContiguousSequence_SettlesEverythingUpToIt_AsAccepted()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entries = await AppendAsync(journal, 4);
        var settled = new List<TransactionSettlement>();
        journal.Settled += settled.AddRange;

        var applied = await journal.ApplyAckAsync(Contiguous(3));

        Assert.Null(applied.Refusal);
        Assert.Equal([1L, 2, 3], settled.Select(s => s.Sequence));
        Assert.All(settled, s => Assert.Equal(TransactionOutcome.Accepted, s.Outcome));
        Assert.Equal(entries[0].Id, settled[0].Id);
        Assert.Equal("card_tap", settled[0].Kind);
        Assert.Equal([4L], (await journal.PendingAsync(10)).Select(e => e.Sequence));
        Assert.Equal(1, await journal.PendingCountAsync());
    }

    [Fact]
    public async Task ApplyAck_Rejection_IsRecordedWithItsReason_AndRaisedOnce()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entries = await AppendAsync(journal, 2);
        var settled = new List<TransactionSettlement>();
        journal.Settled += settled.AddRange;
        var ack = Contiguous(2);
        ack.Results.Add(Result(entries[1], TransactionOutcome.Rejected, "gift_out_of_stock"));

        await journal.ApplyAckAsync(ack);
        await journal.ApplyAckAsync(ack);

        Assert.Equal(2, settled.Count);
        var rejected = Assert.Single(settled, s => s.Outcome == TransactionOutcome.Rejected);
        Assert.Equal((entries[1].Id, "gift_out_of_stock"), (rejected.Id, rejected.Reason));
        Assert.Equal(("rejected", "gift_out_of_stock"), OutboxOutcome(entries[1].Sequence));
        Assert.Equal(("accepted", ""), OutboxOutcome(entries[0].Sequence));
    }

    [Fact]
    public async Task ApplyAck_ResultAheadOfAGap_SettlesOnlyThatTransaction()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entries = await AppendAsync(journal, 3);
        var ack = new TransactionAck();
        ack.Results.Add(Result(entries[2], TransactionOutcome.Accepted));

        await journal.ApplyAckAsync(ack);

        Assert.Equal([1L, 2], (await journal.PendingAsync(10)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task ApplyAck_FirstOutcomeStays_WhenALaterAckSaysOtherwise()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entry = (await AppendAsync(journal, 1))[0];
        await journal.ApplyAckAsync(Contiguous(1));
        var late = new TransactionAck();
        late.Results.Add(Result(entry, TransactionOutcome.Rejected, "too_late"));

        var applied = await journal.ApplyAckAsync(late);

        Assert.Empty(applied.Settled);
        Assert.Equal(("accepted", ""), OutboxOutcome(entry.Sequence));
    }

    [Theory]
    [InlineData("ahead")]
    [InlineData("unknown_id")]
    [InlineData("id_sequence_mismatch")]
    [InlineData("no_outcome")]
    public async Task ApplyAck_ThatDoesNotFitTheJournal_IsRefusedWhole_AndNothingIsSettled(string defect)
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entries = await AppendAsync(journal, 2);
        var ack = Contiguous(1);
        var (result, expected) = defect switch
        {
            "ahead" => (Result(entries[1], TransactionOutcome.Accepted), "ahead_of_journal"),
            "unknown_id" => (new TransactionResult { Id = Guid.NewGuid().ToString(), Outcome = TransactionOutcome.Accepted }, "unknown_transaction"),
            "id_sequence_mismatch" => (new TransactionResult { Id = entries[0].Id, Sequence = 2, Outcome = TransactionOutcome.Accepted }, "unknown_transaction"),
            _ => (new TransactionResult { Id = entries[1].Id, Sequence = 2 }, "outcome_missing"),
        };
        ack.Results.Add(result);
        if (defect == "ahead")
        {
            ack.ContiguousSequence = 3;
        }

        var applied = await journal.ApplyAckAsync(ack);

        Assert.Equal(expected, applied.Refusal);
        Assert.Equal(2, await journal.PendingCountAsync());
    }

    [Fact]
    public async Task Status_ReportsDepthAndTheOldestUnsettledTransaction()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        await AppendAsync(journal, 3);
        await journal.ApplyAckAsync(Contiguous(1));

        var status = await journal.StatusAsync();

        Assert.Equal(2, status.Pending);
        Assert.Equal(At.AddSeconds(1), status.OldestPendingAt);
        Assert.Equal(TimeSpan.FromSeconds(59), status.OldestPendingAge(At.AddMinutes(1)));
    }

    [Fact]
    public async Task SessionSequence_GrowsByOne_AcrossReopen()
    {
        using (var journal = new TransactionJournal(DbPath, _kiosk))
        {
            Assert.Equal(1UL, await journal.NextSessionSequenceAsync());
            Assert.Equal(2UL, await journal.NextSessionSequenceAsync());
        }

        using var reopened = new TransactionJournal(DbPath, _kiosk);
        Assert.Equal(3UL, await reopened.NextSessionSequenceAsync());
    }

    [Fact]
    public async Task Reopen_KeepsTransactionsAndOutbox_AndContinuesTheSequence()
    {
        using (var journal = new TransactionJournal(DbPath, _kiosk))
        {
            await journal.AppendAsync(Tap("01"), "card_tap", At);
        }

        using var reopened = new TransactionJournal(DbPath, _kiosk);
        Assert.Single(await reopened.PendingAsync(10));
        Assert.Equal(2, (await reopened.AppendAsync(Tap("02"), "card_tap", At)).Sequence);
    }

    [Fact]
    public async Task Open_AnOlderJournal_KeepsItsRows_AndSendsThemAgain()
    {
        using (var old = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE transactions (sequence INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, occurred_at TEXT NOT NULL, payload TEXT NOT NULL);
                CREATE TABLE outbox (sequence INTEGER PRIMARY KEY REFERENCES transactions(sequence), attempts INTEGER NOT NULL DEFAULT 0, published_at TEXT NULL);
                CREATE INDEX outbox_pending ON outbox(sequence) WHERE published_at IS NULL;
                INSERT INTO transactions VALUES (1, 'a', 'card_tap', '2026-11-22T10:00:00.0000000+00:00', '{}');
                INSERT INTO outbox VALUES (1, 1, '2026-11-22T10:00:01.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }

        using var journal = new TransactionJournal(DbPath, _kiosk);

        Assert.Equal("a", Assert.Single(await journal.PendingAsync(10)).Id);
        // Its transactions went out without a journal id; new ones keep to that, so central keeps
        // counting this kiosk's sequences where it did.
        Assert.Equal("", journal.JournalId);
    }

    [Fact]
    public async Task JournalId_IsMadeWithTheFile_CarriedByEveryTransaction_AndKeptAcrossReopen()
    {
        string id;
        using (var journal = new TransactionJournal(DbPath, _kiosk))
        {
            id = journal.JournalId;
            var entry = await journal.AppendAsync(Tap("01"), "card_tap", At);
            Assert.Equal(id, Google.Protobuf.JsonParser.Default.Parse<Transaction>(entry.Payload).JournalId);
        }

        Assert.True(Guid.TryParse(id, out var parsed) && parsed.Version == 7, id);
        using var reopened = new TransactionJournal(DbPath, _kiosk);
        Assert.Equal(id, reopened.JournalId);
    }

    [Fact]
    public async Task ApplyAck_AboutAnotherJournal_IsRefusedWhole_AndOneAboutThisJournalApplies()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        await AppendAsync(journal, 2);

        var foreign = await journal.ApplyAckAsync(new TransactionAck { ContiguousSequence = 2, JournalId = Guid.CreateVersion7().ToString() });
        Assert.Equal("other_journal", foreign.Refusal);
        Assert.Equal(2, await journal.PendingCountAsync());

        var own = await journal.ApplyAckAsync(new TransactionAck { ContiguousSequence = 2, JournalId = journal.JournalId });
        Assert.Null(own.Refusal);
        Assert.Equal(0, await journal.PendingCountAsync());
    }

    [Fact]
    public async Task DiskFull_IsAFault_TheAppendThrows_AndNothingOfItIsKept_UntilACommitSucceedsAgain()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        await journal.AppendAsync(Tap("01"), "card_tap", At);
        journal.CapAtCurrentSizeForTesting();
        var big = Tap(new string('A', 64 * 1024));

        var error = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync(big, "card_tap", At));

        Assert.Equal("disk_full", error.Fault.Reason);
        Assert.Equal("disk_full", journal.Fault?.Reason);
        Assert.Equal(1, await journal.PendingCountAsync());

        journal.CapSizeForTesting(1_000_000);
        var next = await journal.AppendAsync(Tap("02"), "card_tap", At);
        Assert.Null(journal.Fault);
        Assert.Equal(2, next.Sequence);
    }

    [Fact]
    public void Open_UsesWalWithFullSynchronousCommits()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        using var check = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task Appended_IsRaisedAfterCommit()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        long pendingSeenByHandler = -1;
        journal.Appended += () => pendingSeenByHandler = journal.PendingCountAsync().GetAwaiter().GetResult();

        await journal.AppendAsync(Tap("01"), "card_tap", At);

        Assert.Equal(1, pendingSeenByHandler);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }


    private (string? Outcome, string? Reason) OutboxOutcome(long sequence)
    {
        using var check = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT outcome, reason FROM outbox WHERE sequence = $s;";
        command.Parameters.AddWithValue("$s", sequence);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
