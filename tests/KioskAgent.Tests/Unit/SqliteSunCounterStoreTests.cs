using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class SqliteSunCounterStoreTests : IDisposable
{
    private static readonly CardUid Card = CardUid.Parse("04DE5F1EACC040");
    private readonly string _directory = TestPaths.NewTempDirectory("sun");

    private SqliteSunCounterStore Open() => new(Path.Combine(_directory, SqliteSunCounterStore.FileName));

    [Fact]
    public void TryAdvance_NewCard_IsAccepted()
    {
        using var store = Open();
        Assert.True(store.TryAdvance(Card, 61));
    }

    [Fact]
    public void TryAdvance_SameOrLowerCounter_IsRefused_HigherIsAccepted()
    {
        using var store = Open();
        store.TryAdvance(Card, 61);

        Assert.False(store.TryAdvance(Card, 61));
        Assert.False(store.TryAdvance(Card, 60));
        Assert.True(store.TryAdvance(Card, 62));
        Assert.False(store.TryAdvance(Card, 61));
    }

    [Fact]
    public void TryAdvance_CardsAreIndependent()
    {
        using var store = Open();
        store.TryAdvance(Card, 100);
        Assert.True(store.TryAdvance(CardUid.Parse("04AABBCCDDEEFF"), 1));
    }

    [Fact]
    public void TryAdvance_RemembersCountersAcrossRestarts()
    {
        using (var store = Open())
        {
            store.TryAdvance(Card, 61);
        }

        using var reopened = Open();
        Assert.False(reopened.TryAdvance(Card, 61));
        Assert.True(reopened.TryAdvance(Card, 62));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
