using KioskAgent.Hardware.CardReaders;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class TapDebouncerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly TapDebouncer _debouncer = new(TimeSpan.FromMilliseconds(300));

    private static CardPresented Present(string uid, double ms, string reader = "r1") => new(reader, CardUid.Parse(uid), CardTechnology.MifareClassic1K, T0.AddMilliseconds(ms));

    private static CardRemoved Remove(double ms, string reader = "r1") => new(reader, T0.AddMilliseconds(ms));

    [Fact]
    public void IsNewTap_FirstPresentation_IsATap() => Assert.True(_debouncer.IsNewTap(Present("01", 0)));

    [Fact]
    public void IsNewTap_CardRestingOnTheReader_IsOneTap()
    {
        _debouncer.IsNewTap(Present("01", 0));
        Assert.False(_debouncer.IsNewTap(Present("01", 5000)));
    }

    [Fact]
    public void IsNewTap_RemovedAndPresentedAgainLater_IsANewTap()
    {
        _debouncer.IsNewTap(Present("01", 0));
        _debouncer.IsNewTap(Remove(500));
        Assert.True(_debouncer.IsNewTap(Present("01", 1500)));
    }

    [Fact]
    public void IsNewTap_SameCardBackWithinTheWindow_IsFieldEdgeFlicker()
    {
        _debouncer.IsNewTap(Present("01", 0));
        _debouncer.IsNewTap(Remove(500));
        Assert.False(_debouncer.IsNewTap(Present("01", 700)));
    }

    [Fact]
    public void IsNewTap_AnotherCardWithinTheWindow_IsANewTap()
    {
        _debouncer.IsNewTap(Present("01", 0));
        _debouncer.IsNewTap(Remove(500));
        Assert.True(_debouncer.IsNewTap(Present("02", 550)));
    }

    [Fact]
    public void IsNewTap_ReadersAreIndependent()
    {
        _debouncer.IsNewTap(Present("01", 0, "r1"));
        Assert.True(_debouncer.IsNewTap(Present("01", 10, "r2")));
    }

    [Fact]
    public void IsNewTap_AfterTheReaderWentAway_TheRestingCardCountsAgain()
    {
        _debouncer.IsNewTap(Present("01", 0));
        _debouncer.IsNewTap(new ReaderStatusChanged("r1", T0.AddSeconds(1), false, "pcscd restarted"));
        Assert.True(_debouncer.IsNewTap(Present("01", 2000)));
    }

    [Fact]
    public void IsNewTap_WedgeReaderScanningTwiceAtOnce_IsOneTap()
    {
        // Keyboard wedges report presence and removal together; a double scan follows within milliseconds.
        _debouncer.IsNewTap(Present("0012345678", 0));
        _debouncer.IsNewTap(Remove(0));
        Assert.False(_debouncer.IsNewTap(Present("0012345678", 80)));
    }
}
