using KioskAgent.Tests.Testing;
using KioskAgent.Watchdog;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class LoopMonitorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void APeriodicLoop_IsStalledOnceSilentLongerThanItsLimit_AndNotAfterItBeatsAgain()
    {
        var monitor = new LoopMonitor(_time);
        var loop = monitor.Periodic("central_link", TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(monitor.Stalled());
        _time.Advance(TimeSpan.FromSeconds(3));
        var stalled = Assert.Single(monitor.Stalled());
        Assert.Equal(("central_link", TimeSpan.FromSeconds(2)), (stalled.Name, stalled.For));

        loop.Beat();
        Assert.Empty(monitor.Stalled());
    }

    [Fact]
    public void AnOnDemandLoop_IsNeverStalledWhileIdle_OnlyWhenOnePieceOfWorkRunsTooLong()
    {
        var monitor = new LoopMonitor(_time);
        var taps = monitor.OnDemand("tap_pipeline", TimeSpan.FromSeconds(5));

        _time.Advance(TimeSpan.FromHours(3));
        Assert.Empty(monitor.Stalled());

        var work = taps.Working();
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(monitor.Stalled());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("tap_pipeline", Assert.Single(monitor.Stalled()).Name);

        work.Dispose();
        work.Dispose();
        Assert.Empty(monitor.Stalled());
        using (taps.Working())
        {
            Assert.Empty(monitor.Stalled());
        }
    }
}
