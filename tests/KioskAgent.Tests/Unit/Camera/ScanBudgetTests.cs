using KioskAgent.Camera;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class ScanBudgetTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void CheapFrames_ArePacedByTheFrameRate() =>
        Assert.Equal(Ms(230), new ScanBudget(() => 4, () => 25).NextDelay(frameElapsed: Ms(20), decodeCost: Ms(5)));

    [Fact]
    public void ExpensiveDecoding_IsPacedByTheCpuShare() =>
        // 80 ms of decoding at 20 % of a core: the next frame starts 400 ms after this one began.
        Assert.Equal(Ms(300), new ScanBudget(() => 10, () => 20).NextDelay(frameElapsed: Ms(100), decodeCost: Ms(80)));

    [Fact]
    public void AFrameThatTookLongerThanItsPeriod_IsFollowedAtOnce() =>
        Assert.Equal(TimeSpan.Zero, new ScanBudget(() => 4, () => 100).NextDelay(frameElapsed: Ms(600), decodeCost: Ms(10)));
}
