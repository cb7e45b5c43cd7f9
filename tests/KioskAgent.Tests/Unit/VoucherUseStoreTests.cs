using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using KioskAgent.Journal;
using KioskAgent.Tests.Testing;
using KioskAgent.Vouchers;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Unit;

/// <summary>Real SQLite: a voucher's use commits with its transaction, and a second use of it never commits.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class VoucherUseStoreTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("voucher-uses");
    private readonly TransactionJournal _journal;
    private readonly VoucherUseStore _uses;

    public VoucherUseStoreTests()
    {
        var path = Path.Combine(_directory, TransactionJournal.FileName);
        _journal = new TransactionJournal(path, new KioskOptions { KioskId = "k1", SiteId = "s1" });
        _uses = new VoucherUseStore(path);
    }

    public void Dispose()
    {
        _uses.Dispose();
        _journal.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ManyUsesOfOneVoucherAtOnce_CommitExactlyOne_AndLeaveTheJournalHealthy()
    {
        var tries = Enumerable.Range(0, 16).Select(i => Task.Run(() => TryUseAsync("K7QX-4MRD", $"s{i}"))).ToArray();
        var results = await Task.WhenAll(tries);

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal(1, _uses.Count());
        Assert.Equal(1, await _journal.PendingCountAsync());
        Assert.Null(_journal.Fault);
        var use = _uses.Find("K7QX-4MRD")!;
        Assert.Equal((await _journal.PendingAsync(10))[0].Id, use.TransactionId);
    }

    [Fact]
    public async Task DifferentVouchers_AreEachUsedOnce()
    {
        Assert.True(await TryUseAsync("K7QX-4MRD", "s1"));
        Assert.True(await TryUseAsync("22AB-CDEF", "s1"));
        Assert.False(await TryUseAsync("22AB-CDEF", "s2"));

        Assert.Equal(2, _uses.Count());
        Assert.Equal("s1", _uses.Find("22AB-CDEF")!.StaffId);
        Assert.Null(_uses.Find("3333-3333"));
    }

    private async Task<bool> TryUseAsync(string code, string staff)
    {
        var use = new VoucherUseRecord(code, "", "tx-r", "k1", "mug", "Mug", "80001001", staff, staff, DateTimeOffset.UtcNow);
        try
        {
            await _journal.AppendAsync(new Transaction { VoucherUse = new VoucherUse { VoucherCode = code, StaffId = staff } }, VoucherDesk.TransactionKind, DateTimeOffset.UtcNow, (tx, e) => VoucherUseStore.Insert(tx, use with { TransactionId = e.Id }));
            return true;
        }
        catch (VoucherAlreadyUsedException)
        {
            return false;
        }
    }
}
