using System.Security.Cryptography;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>
/// A damaged journal page (issue 11, finding 6): a lasting journal fault "corrupt", found at open or
/// by a read or commit that meets it; appends are refused, nothing more is written to the file, and
/// the file is never deleted (it holds what central has not acknowledged).
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class TransactionJournalDamageTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("journal-damage");
    private readonly KioskOptions _kiosk = new() { KioskId = "k1", SiteId = "s1" };

    private string DbPath => Path.Combine(_directory, TransactionJournal.FileName);

    private static Transaction Tap(int i) => new() { CardTap = new CardTap { CardUid = $"04{i:X12}", ReaderId = "r1", Accepted = true, MemberNumber = new string('7', 200) } };

    /// <summary>A journal of 400 taps, closed (so everything is in the main file, not the write-ahead log).</summary>
    private async Task FillAsync()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);
        for (var i = 0; i < 400; i++)
        {
            await journal.AppendAsync(Tap(i), "card_tap", At.AddSeconds(i));
        }
    }

    private byte[] FileHash() => SHA256.HashData(File.ReadAllBytes(DbPath));

    [Fact]
    public async Task ASoundJournal_OpensWithoutFault()
    {
        await FillAsync();

        using var journal = new TransactionJournal(DbPath, _kiosk);

        Assert.Null(journal.Fault);
        Assert.Equal(400, await journal.PendingCountAsync());
    }

    [Fact]
    public async Task ADamagedPage_IsTheFaultCorruptAtOpen_AppendsAreRefused_AndTheFileIsKeptAsItWas()
    {
        await FillAsync();
        SqlitePageDamage.OverwriteMiddle(DbPath, count: 1, bytes: 2048);
        var damaged = FileHash();

        using (var journal = new TransactionJournal(DbPath, _kiosk))
        {
            Assert.Equal(TransactionJournal.DamagedReason, journal.Fault?.Reason);
            var refused = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync(Tap(1000), "card_tap", At));
            Assert.Equal("corrupt", refused.Fault.Reason);
            await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.NextSessionSequenceAsync(1));
            await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.ApplyAckAsync(new TransactionAck { ContiguousSequence = 1 }));
            await journal.StatusAsync();
            Assert.Equal("corrupt", journal.Fault?.Reason);
        }

        Assert.Equal(damaged, FileHash());
    }

    [Fact]
    public async Task ADamagedPageMetWhileRunning_IsTheSameLastingFault()
    {
        await FillAsync();
        using var journal = new TransactionJournal(DbPath, _kiosk);
        Assert.Null(journal.Fault);

        SqlitePageDamage.OverwritePages(DbPath, 0.3, 0.7);
        journal.ForgetCachedPagesForTesting();

        var error = await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.PendingAsync(1_000));
        Assert.Equal("corrupt", error.Fault.Reason);
        await Assert.ThrowsAsync<JournalUnavailableException>(() => journal.AppendAsync(Tap(1000), "card_tap", At));
        Assert.Equal("corrupt", journal.Fault?.Reason);
    }

    [Fact]
    public async Task SessionSequence_IsTheStoredOnePlusOne_OrTheFloor_WhicheverIsHigher()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);

        Assert.Equal(1UL, await journal.NextSessionSequenceAsync());
        Assert.Equal(1_000UL, await journal.NextSessionSequenceAsync(1_000));
        Assert.Equal(1_001UL, await journal.NextSessionSequenceAsync(5));
        Assert.Equal(1_002UL, await journal.NextSessionSequenceAsync(1_001));
    }

    [Fact]
    public async Task SessionSequence_OfANewJournal_StartsAtTheFloor()
    {
        using var journal = new TransactionJournal(DbPath, _kiosk);

        Assert.Equal(1_733_400_000_000UL, await journal.NextSessionSequenceAsync(1_733_400_000_000));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
