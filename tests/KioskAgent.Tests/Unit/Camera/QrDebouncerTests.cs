using KioskAgent.Camera;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class QrDebouncerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly QrDebouncer _debouncer = new(TimeSpan.FromSeconds(2));

    private IReadOnlyList<string> At(double seconds, params string[] codes) => _debouncer.Seen(codes, T0.AddSeconds(seconds));

    [Fact]
    public void ACodeHeldInViewForManyFrames_IsOneTap()
    {
        var taps = Enumerable.Range(0, 50).SelectMany(i => At(i * 0.25, "KM1:a")).ToList();

        Assert.Equal(["KM1:a"], taps);
    }

    [Fact]
    public void ACodeMissingFromAFewFrames_IsStillTheSameTap()
    {
        At(0, "KM1:a");
        At(0.5);
        At(1.5);

        Assert.Empty(At(1.9, "KM1:a"));
    }

    [Fact]
    public void ACodeShownAgainAfterLeavingTheView_IsANewTap()
    {
        At(0, "KM1:a");
        At(1);

        Assert.Equal(["KM1:a"], At(2.5, "KM1:a"));
    }

    [Fact]
    public void TwoCodesInOneFrame_AreTwoTaps_ButEachOnlyOnce()
    {
        Assert.Equal(["KM1:a", "KV1:b"], At(0, "KM1:a", "KV1:b", "KM1:a"));
        Assert.Equal(["KM1:c"], At(0.2, "KM1:a", "KV1:b", "KM1:c"));
    }

    [Fact]
    public void ManyDifferentCodes_AreRememberedWithinABound()
    {
        for (var i = 0; i < 100; i++)
        {
            At(i * 0.001, $"KM1:{i}");
        }

        Assert.Equal(QrDebouncer.Capacity, _debouncer.InView);
    }
}
