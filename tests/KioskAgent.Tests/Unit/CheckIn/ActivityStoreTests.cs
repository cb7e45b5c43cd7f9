using KioskAgent.CheckIn;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.CheckIn;

[Trait("Category", TestCategories.Unit)]
public sealed class ActivityStoreTests : IDisposable
{
    private readonly string _path = Path.Combine(TestPaths.NewTempDirectory("activities"), ActivityStore.FileName);
    private readonly FakeTimeProvider _time = new(CheckInDeskFixture.T0);
    private readonly ActivityStore _store;

    public ActivityStoreTests() => _store = new ActivityStore(_path, _time);

    public void Dispose() => _store.Dispose();

    [Fact]
    public void NewerCatalog_ReplacesCentralsActivities_KeepsLocalOnes_AndSurvivesReopening()
    {
        _store.AddLocal(CheckInDeskFixture.Record("local-1"));
        Assert.True(_store.Apply(Catalog(1, "a", "b")).Applied);
        Assert.True(_store.Apply(Catalog(2, "b", "c")).Applied);

        using var reopened = new ActivityStore(_path, _time);

        Assert.Equal(["b", "c", "local-1"], reopened.All.Select(a => a.Id));
        Assert.Equal(2ul, reopened.CatalogVersion);
        Assert.Equal("local", reopened.Find("local-1")!.Record.Source);
        Assert.Equal("central", reopened.Find("b")!.Record.Source);
    }

    [Theory]
    [InlineData(0ul, "stale")]
    [InlineData(5ul, "stale")]
    [InlineData(5ul + 2_000_000_000ul, "version_jump")]
    public void CatalogAtOrBelowTheHeldVersion_OrTooFarAhead_IsRefused(ulong version, string reason)
    {
        Assert.True(_store.Apply(Catalog(5, "a")).Applied);

        var verdict = _store.Apply(Catalog(version, "z"));

        Assert.Equal((false, reason), (verdict.Applied, verdict.Reason));
        Assert.Equal(["a"], _store.All.Select(a => a.Id));
    }

    [Fact]
    public void CatalogWithOneActivityThatCannotRun_IsRefusedWhole()
    {
        var catalog = Catalog(1, "a", "b");
        catalog.Activities[1].ClosesAt = catalog.Activities[1].OpensAt;

        Assert.Equal("invalid_activity", _store.Apply(catalog).Reason);
        Assert.Empty(_store.All);
    }

    private static ActivityCatalog Catalog(ulong version, params string[] ids)
    {
        var catalog = new ActivityCatalog { Version = version };
        catalog.Activities.AddRange(ids.Select(id => CheckInDeskFixture.Record(id)));
        return catalog;
    }
}
