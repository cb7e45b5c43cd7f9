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

    [Fact]
    public async Task AppendAsync_AssignsGapFreeSequenceAndUniqueIds()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var entries = new List<JournalEntry>();
        for (var i = 0; i < 5; i++)
        {
            entries.Add(await journal.AppendAsync(Tap($"0{i}"), "card_tap", At.AddSeconds(i)));
        }

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
    public async Task PendingAsync_ReturnsUnpublishedInSequenceOrder_UntilMarkedPublished()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        var first = await journal.AppendAsync(Tap("01"), "card_tap", At);
        var second = await journal.AppendAsync(Tap("02"), "card_tap", At);

        Assert.Equal([first.Id, second.Id], (await journal.PendingAsync(10)).Select(e => e.Id));

        await journal.MarkPublishedAsync(first.Sequence, At);

        Assert.Equal([second.Id], (await journal.PendingAsync(10)).Select(e => e.Id));
        Assert.Equal(1, await journal.PendingCountAsync());
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
}
