using KioskAgent.Hardware.Camera.Snapshots;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Hardware.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("snapshots");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SaveAsync_TransactionId_BecomesTheFileName()
    {
        var store = new SnapshotStore(_directory, timeProvider: _time);

        var path = await store.SaveAsync("TX-2026-0001", new byte[] { 1, 2, 3 });

        Assert.Equal(Path.Combine(_directory, "TX-2026-0001.png"), path);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(path));
        Assert.Equal(path, store.Find("TX-2026-0001"));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task SaveAsync_BeyondMaxCount_DeletesTheOldestSnapshot()
    {
        var store = new SnapshotStore(_directory, new SnapshotRetentionPolicy(MaxCount: 2), _time);

        foreach (var id in new[] { "t1", "t2", "t3" })
        {
            await store.SaveAsync(id, new byte[10]);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(["t2.png", "t3.png"], store.List().Select(f => f.Name).Order());
    }

    [Fact]
    public async Task SaveAsync_AfterMaxAge_PrunesStaleSnapshots()
    {
        var store = new SnapshotStore(_directory, new SnapshotRetentionPolicy(MaxAge: TimeSpan.FromDays(7)), _time);
        await store.SaveAsync("old", new byte[10]);

        _time.Advance(TimeSpan.FromDays(8));
        await store.SaveAsync("new", new byte[10]);

        Assert.Null(store.Find("old"));
        Assert.NotNull(store.Find("new"));
    }

    [Fact]
    public async Task SaveAsync_BeyondMaxBytes_KeepsTheNewest()
    {
        var store = new SnapshotStore(_directory, new SnapshotRetentionPolicy(MaxBytes: 25), _time);
        await store.SaveAsync("a", new byte[10]);
        _time.Advance(TimeSpan.FromSeconds(1));
        await store.SaveAsync("b", new byte[10]);
        _time.Advance(TimeSpan.FromSeconds(1));

        await store.SaveAsync("c", new byte[10]);

        Assert.Equal(["b.png", "c.png"], store.List().Select(f => f.Name).Order());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("空格 id")]
    public async Task SaveAsync_IdThatIsNotAPlainName_IsRefused(string id)
    {
        var store = new SnapshotStore(_directory, timeProvider: _time);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(id, new byte[1]));
        Assert.Empty(Directory.GetFiles(_directory, "*", SearchOption.AllDirectories));
    }
}
