using KioskAgent.MemberSync;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ResyncSchedulerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly ResyncScheduler _scheduler;

    public ResyncSchedulerTests() => _scheduler = new ResyncScheduler(_time, TimeSpan.FromSeconds(30));

    [Fact]
    public void TryTake_NothingWanted_SendsNothing() => Assert.False(_scheduler.TryTake(out _));

    [Fact]
    public void TryTake_ManyReasonsInABurst_OneRequestPerInterval()
    {
        _scheduler.Want("hash_mismatch");
        Assert.True(_scheduler.TryTake(out var first));
        Assert.Equal("hash_mismatch", first);

        _scheduler.Want("hash_mismatch");
        _scheduler.Want("version_gap");
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_scheduler.TryTake(out _));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_scheduler.TryTake(out var second));
        Assert.Equal("hash_mismatch", second);
        Assert.False(_scheduler.TryTake(out _));
    }

    [Fact]
    public void WantNow_OperatorCommand_GoesOutDespiteTheInterval()
    {
        _scheduler.Want("version_gap");
        _scheduler.TryTake(out _);

        _scheduler.WantNow("command");

        Assert.True(_scheduler.TryTake(out var reason));
        Assert.Equal("command", reason);
    }

    [Fact]
    public void Satisfied_ASnapshotArrived_NothingIsOwed()
    {
        _scheduler.Want("version_gap");

        _scheduler.Satisfied();

        Assert.False(_scheduler.TryTake(out _));
    }

    [Fact]
    public void NotSent_Offline_IsRetriedAtTheNextChance()
    {
        _scheduler.Want("no_data");
        _scheduler.TryTake(out var reason);

        _scheduler.NotSent(reason);

        Assert.True(_scheduler.TryTake(out var again));
        Assert.Equal("no_data", again);
    }
}
