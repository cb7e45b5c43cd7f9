using KioskAgent.Central.Fleet.Load;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Fleet;

[Trait("Category", TestCategories.Unit)]
public sealed class BacklogTrendTests
{
    private static BacklogTrend Trend(Func<int, long> backlogAtSecond, int seconds = 60)
    {
        var trend = new BacklogTrend();
        for (var s = 0; s <= seconds; s++)
        {
            trend.Add(TimeSpan.FromSeconds(s), backlogAtSecond(s));
        }

        return trend;
    }

    [Fact]
    public void Grew_BacklogHoveringAroundWhatIsInFlight_IsSteady()
    {
        var trend = Trend(s => 3 + (s % 4));

        Assert.False(trend.Grew(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), sent: 6000));
    }

    [Fact]
    public void Grew_BacklogClimbingWithTheLoad_IsGrowing()
    {
        var trend = Trend(s => s * 10);

        Assert.True(trend.Grew(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), sent: 6000));
        Assert.Equal(10, trend.SlopePerSecond(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)), precision: 6);
    }

    [Fact]
    public void Grew_AFewTransactionsOnAQuietFleet_AreNoise()
    {
        var trend = Trend(s => s / 5);

        Assert.False(trend.Grew(TimeSpan.Zero, TimeSpan.FromSeconds(60), sent: 100));
    }

    [Fact]
    public void Thin_KeepsFirstAndLastAndSpacesTheRest()
    {
        var thin = Trend(s => s).Thin(7);

        Assert.Equal([0, 10, 20, 30, 40, 50, 60], thin.Select(s => (int)s.At.TotalSeconds));
    }
}
