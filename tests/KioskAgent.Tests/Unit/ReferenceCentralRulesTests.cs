using KioskAgent.Central;
using KioskAgent.Central.Presence;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ReferenceCentralRulesTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly KioskKey Kiosk = new("s1", "k1");
    private readonly string _directory = TestPaths.NewTempDirectory("central");

    private static KioskState State(string state, ulong sessionSeq) => new() { State = state, SessionSeq = sessionSeq, KioskId = "k1", SiteId = "s1" };

    private static Transaction Tx(ulong sequence, string? id = null, string journalId = "") => new()
    {
        Id = id ?? Guid.CreateVersion7().ToString(),
        Sequence = sequence,
        JournalId = journalId,
        KioskId = "k1",
        SiteId = "s1",
        CardTap = new CardTap { CardUid = "01" },
    };

    [Fact]
    public void KioskSequence_AdvancesContiguously_AndShowsGapsUntilTheyFill()
    {
        var sequence = new KioskSequence();
        foreach (var s in new ulong[] { 1, 2, 5, 3, 7 })
        {
            sequence.Add(s);
        }

        Assert.Equal(3UL, sequence.Contiguous);
        Assert.Equal(7UL, sequence.Highest);
        Assert.Equal([4UL, 6], sequence.Gaps());

        sequence.Add(4);
        sequence.Add(6);

        Assert.Equal(7UL, sequence.Contiguous);
        Assert.Empty(sequence.Gaps());
        Assert.False(sequence.Add(6));
    }

    [Fact]
    public void Presence_OfflineWithTheSameSessionSeq_MarksTheKioskOffline()
    {
        var online = PresenceRule.Apply(null, Kiosk, State("online", 3), T0);

        var offline = PresenceRule.Apply(online, Kiosk, State("offline", 3), T0);

        Assert.NotNull(offline);
        Assert.False(offline.Online);
        Assert.Equal(3UL, offline.LastOnlineSessionSeq);
    }

    [Fact]
    public void Presence_StaleDeath_AnOfflineFromAnOlderSession_IsIgnored()
    {
        var online = PresenceRule.Apply(null, Kiosk, State("online", 4), T0);

        Assert.Null(PresenceRule.Apply(online, Kiosk, State("offline", 3), T0));
        Assert.Null(PresenceRule.Apply(online, Kiosk, State("online", 2), T0));
    }

    [Fact]
    public void Presence_ANewerSession_ComesOnlineAfterAnOffline()
    {
        var offline = PresenceRule.Apply(PresenceRule.Apply(null, Kiosk, State("online", 1), T0), Kiosk, State("offline", 1), T0);

        var back = PresenceRule.Apply(offline, Kiosk, State("online", 2), T0);

        Assert.True(back!.Online);
        Assert.Equal(2UL, back.LastOnlineSessionSeq);
    }

    [Fact]
    public void Store_CountsRepeatsOfAnId_WithoutStoringThemTwice()
    {
        using var store = new TransactionStore();
        var tx = Tx(1);

        Assert.True(store.Record(Kiosk, tx, "card_tap", "{}", null, T0).IsNew);
        Assert.False(store.Record(Kiosk, tx, "card_tap", "{}", null, T0).IsNew);

        Assert.Equal(1, store.Count);
        Assert.Equal(1, store.Duplicates);
        Assert.Equal(1UL, store.Contiguous(Kiosk));
    }

    [Fact]
    public void Store_JudgesOnlyNewTransactions_AndRemembersTheVerdictForRepeats()
    {
        using var store = new TransactionStore();
        var judged = 0;
        string? Judge(Transaction t)
        {
            judged++;
            return "points_insufficient";
        }

        var tx = Tx(1);
        store.Record(Kiosk, tx, "card_tap", "{}", Judge, T0);
        var repeat = store.Record(Kiosk, tx, "card_tap", "{}", Judge, T0);

        Assert.Equal(1, judged);
        Assert.Equal(TransactionOutcome.Rejected, repeat.Stored.Outcome);
        Assert.Equal("points_insufficient", repeat.Stored.Reason);
    }

    [Fact]
    public void Store_ANewIdWithAHeldSequence_IsKeptAndMarkedAsConflict()
    {
        using var store = new TransactionStore();
        store.Record(Kiosk, Tx(1), "card_tap", "{}", null, T0);

        var second = store.Record(Kiosk, Tx(1), "card_tap", "{}", null, T0);

        Assert.True(second.IsNew);
        Assert.True(second.SequenceConflict);
        Assert.Equal(2, store.Count);
        Assert.True(store.HasSequenceConflicts(Kiosk));
    }

    [Fact]
    public void Store_WithAFile_KeepsWhatWasFlushed_ForTheNextInstance()
    {
        var path = Path.Combine(_directory, "central.db");
        var tx = Tx(1);
        using (var store = new TransactionStore(path))
        {
            store.Record(Kiosk, tx, "card_tap", "{\"a\":1}", _ => "gift_out_of_stock", T0);
            store.Record(Kiosk, Tx(3), "card_tap", "{}", null, T0);
            store.Flush();
        }

        using var reopened = new TransactionStore(path);

        Assert.Equal(2, reopened.Count);
        Assert.Equal(TransactionOutcome.Rejected, reopened.Find(tx.Id)!.Outcome);
        Assert.Equal([2UL], reopened.Gaps(Kiosk));
        Assert.False(reopened.Record(Kiosk, tx, "card_tap", "{}", null, T0).IsNew);
    }

    [Fact]
    public void Store_AReplacedJournal_CountsItsSequencesAfresh_WithoutConflicts()
    {
        using var store = new TransactionStore();
        var first = Guid.CreateVersion7().ToString();
        var second = Guid.CreateVersion7().ToString();
        store.Record(Kiosk, Tx(1, journalId: first), "card_tap", "{}", null, T0);
        store.Record(Kiosk, Tx(2, journalId: first), "card_tap", "{}", null, T0);

        // The kiosk's journal was replaced: sequences start again at 1 under a new id.
        var again = store.Record(Kiosk, Tx(1, journalId: second), "card_tap", "{}", null, T0);

        Assert.False(again.SequenceConflict);
        Assert.False(store.HasSequenceConflicts(Kiosk));
        Assert.Equal(new JournalKey(Kiosk, second), store.CurrentJournal(Kiosk));
        Assert.Equal(1UL, store.Contiguous(Kiosk));
        Assert.Equal(2UL, store.Contiguous(new JournalKey(Kiosk, first)));
        Assert.Equal(2, store.Journals(Kiosk).Count);
    }

    [Fact]
    public void Store_WithAFile_KeepsJournalsApart_ForTheNextInstance()
    {
        var path = Path.Combine(_directory, "central.db");
        var journal = Guid.CreateVersion7().ToString();
        using (var store = new TransactionStore(path))
        {
            store.Record(Kiosk, Tx(1), "card_tap", "{}", null, T0);
            store.Record(Kiosk, Tx(1, journalId: journal), "card_tap", "{}", null, T0);
            store.Flush();
        }

        using var reopened = new TransactionStore(path);

        Assert.False(reopened.HasSequenceConflicts(Kiosk));
        Assert.Equal(new JournalKey(Kiosk, journal), reopened.CurrentJournal(Kiosk));
        Assert.Equal(1UL, reopened.Contiguous(new JournalKey(Kiosk, "")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
