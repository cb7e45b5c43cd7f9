using KioskAgent.CentralLink;
using KioskAgent.CrossKiosk;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.CrossKiosk;

[Trait("Category", TestCategories.Unit)]
public sealed class CentralFreshnessTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Ten);
    private readonly Link _link = new();

    [Fact]
    public void NeverOnlineSinceStart_IsCutOff_WithNoDataAge()
    {
        using var freshness = new CentralFreshness(_link, _time);

        Assert.True(freshness.CutOff);
        Assert.Null(freshness.DataAsOf);
        Assert.Null(freshness.Age);
    }

    [Fact]
    public void Online_IsCurrent_CutOff_DatesFromTheLastMomentUp_AndBackOnlineIsCurrentAgain()
    {
        using var freshness = new CentralFreshness(_link, _time);
        _link.Turn(online: true);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(freshness.CutOff);
        Assert.Equal(TimeSpan.Zero, freshness.Age);

        _link.Turn(online: false);
        _time.Advance(TimeSpan.FromMinutes(7));

        Assert.True(freshness.CutOff);
        Assert.Equal(Ten.AddMinutes(10), freshness.DataAsOf);
        Assert.Equal(TimeSpan.FromMinutes(7), freshness.Age);

        _link.Turn(online: true);
        Assert.Equal(_time.GetUtcNow(), freshness.DataAsOf);
    }

    private sealed class Link : ICentralReachability
    {
        public bool IsOnline { get; private set; }

        public event Action? Changed;

        public void Turn(bool online)
        {
            IsOnline = online;
            Changed?.Invoke();
        }
    }
}
