using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ReaderHealthReporterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);
    private readonly DeviceHealthRegistry _registry = new(new FakeTimeProvider(T0));
    private readonly CardReaderOptions _reader = new() { Id = "r1", Kind = "Pcsc" };
    private readonly ReaderHealthReporter _health;

    public ReaderHealthReporterTests() => _health = new ReaderHealthReporter(_registry);

    private DeviceHealthReport Current => _registry.Get("r1")!;

    [Fact]
    public void FailedRead_ShowsItsReason_UntilTheNextGoodReadRestoresTheReadersOwn()
    {
        _health.Status(_reader, new ReaderStatusChanged("r1", T0, true, "reader_available"));

        _health.ReadFailed(_reader, new CardReadFailed("r1", T0, "uid_bad_status", "FF CA answered SW 6A 81"));
        var afterFailure = Current;
        _health.ReadFailed(_reader, new CardReadFailed("r1", T0, "atr_invalid", "ATR FF"));
        _health.ReadSucceeded(_reader, Present());
        var afterGoodRead = Current;

        Assert.Equal((DeviceState.Ok, "last card unreadable: uid_bad_status"), (afterFailure.State, afterFailure.Reason));
        Assert.Equal((DeviceState.Ok, "reader_available"), (afterGoodRead.State, afterGoodRead.Reason));
    }

    [Fact]
    public void FaultedStatus_IsAFault_AndABadCardDoesNotHideIt()
    {
        _health.Status(_reader, new ReaderStatusChanged("r1", T0, true, "reader_available"));

        _health.Status(_reader, new ReaderStatusChanged("r1", T0, false, "card_stuck") { Faulted = true });
        _health.ReadFailed(_reader, new CardReadFailed("r1", T0, "card_timeout", "FF CA: no answer within 2000 ms"));

        Assert.Equal((DeviceState.Fault, "card_stuck"), (Current.State, Current.Reason));
    }

    [Fact]
    public void UnavailableStatus_WithoutFault_IsAbsent()
    {
        _health.Status(_reader, new ReaderStatusChanged("r1", T0, false, "pcscd_unavailable"));

        Assert.Equal((DeviceState.Absent, "pcscd_unavailable"), (Current.State, Current.Reason));
    }

    [Fact]
    public void GoodRead_WithoutAnEarlierFailure_ChangesNothing()
    {
        _health.Status(_reader, new ReaderStatusChanged("r1", T0, true, "reader_available"));
        var before = Current;

        _health.ReadSucceeded(_reader, Present());

        Assert.Same(before, Current);
    }

    private static CardPresented Present() => new("r1", CardUid.Parse("04A1B2C3"), CardTechnology.MifareClassic1K, T0);
}
