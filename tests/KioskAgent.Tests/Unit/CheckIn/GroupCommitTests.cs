using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.CheckIn;

[Trait("Category", TestCategories.Unit)]
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _path = Path.Combine(TestPaths.NewTempDirectory("group-commit"), TransactionJournal.FileName);
    private readonly TransactionJournal _journal;

    public GroupCommitTests() => _journal = new TransactionJournal(_path, new KioskOptions { KioskId = "k1", SiteId = "s1" });

    public void Dispose() => _journal.Dispose();

    [Fact]
    public async Task ConcurrentGroupedAppends_EachGetTheirOwnDurableEntry_GapFreeAndInOrderOfArrival()
    {
        var entries = await Task.WhenAll(Enumerable.Range(0, 600).Select(i =>
            _journal.AppendGroupedAsync(new Transaction { CardTap = new CardTap { ReaderId = $"r{i}" } }, "card_tap", DateTimeOffset.UtcNow)));

        Assert.Equal(Enumerable.Range(1, 600).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        Assert.Equal(600, entries.Select(e => e.Id).Distinct().Count());
        for (var i = 0; i < 600; i++)
        {
            Assert.Contains($"\"r{i}\"", entries[i].Payload, StringComparison.Ordinal);
        }

        Assert.Equal(600, (await _journal.PendingAsync(1_000)).Count);
    }

    [Fact]
    public async Task OneAppendWhoseOwnRowsFail_FailsAlone_TheOthersInItsGroupCommit()
    {
        var appends = Enumerable.Range(0, 50).Select(i => _journal.AppendGroupedAsync(
            new Transaction { CardTap = new CardTap { ReaderId = $"r{i}" } },
            "card_tap",
            DateTimeOffset.UtcNow,
            i == 25 ? (_, _) => throw new InvalidOperationException("bad row") : null)).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => appends[25]);
        var committed = await Task.WhenAll(appends.Where((_, i) => i != 25));

        Assert.Equal(49, committed.Length);
        Assert.Equal(49, (await _journal.PendingAsync(1_000)).Count);
        Assert.Null(_journal.Fault);
    }

    [Fact]
    public async Task GroupedAndPlainAppends_ShareOneGapFreeSequence()
    {
        var grouped = Enumerable.Range(0, 20).Select(_ => _journal.AppendGroupedAsync(new Transaction { CardTap = new() }, "card_tap", DateTimeOffset.UtcNow)).ToList();
        var plain = await _journal.AppendAsync(new Transaction { CardTap = new() }, "card_tap", DateTimeOffset.UtcNow);
        await Task.WhenAll(grouped);

        var sequences = (await _journal.PendingAsync(100)).Select(p => p.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), sequences);
        Assert.Contains(plain.Sequence, sequences);
    }
}
