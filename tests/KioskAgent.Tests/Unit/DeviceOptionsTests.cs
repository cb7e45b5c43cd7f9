using KioskAgent.Devices;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class DeviceOptionsTests
{
    [Fact]
    public void Validate_NoReaders_Fails()
    {
        var result = new DeviceOptionsValidator().Validate(null, new DeviceOptions());
        Assert.True(result.Failed);
        Assert.Contains("at least one reader", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var options = new DeviceOptions
        {
            CardReaders =
            [
                new CardReaderOptions { Id = "", Kind = "Simulated" },
                new CardReaderOptions { Id = "a", Kind = "Teleporter" },
                new CardReaderOptions { Id = "a", Kind = "Simulated" },
            ],
        };

        var failures = new DeviceOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("CardReaders:0:Id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CardReaders:1:Kind", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("more than once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5, 5000, "ExchangeTimeoutMs")]
    [InlineData(2000, 1000, "CardReadTimeoutMs")]
    public void Validate_PcscTimeoutsThatCannotWork_NameTheSetting(int exchangeMs, int cardMs, string expected)
    {
        var reader = new CardReaderOptions { Id = "r1", Kind = "Pcsc", ReaderName = "ACS", ExchangeTimeoutMs = exchangeMs, CardReadTimeoutMs = cardMs };

        var failure = Assert.Single(new DeviceOptionsValidator().Validate(null, new DeviceOptions { CardReaders = [reader] }).Failures!);

        Assert.Contains($"CardReaders:0:{expected}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OneSimulatedReader_Succeeds() =>
        Assert.True(new DeviceOptionsValidator().Validate(null, new DeviceOptions { CardReaders = [new CardReaderOptions { Id = "r1", Kind = "Simulated" }] }).Succeeded);

    [Theory]
    [InlineData("Pcsc", "ReaderName is required")]
    [InlineData("Evdev", "DevicePath is required")]
    [InlineData("Serial", "DevicePath is required")]
    public void Validate_RealReaderWithoutItsAddress_NamesTheMissingSetting(string kind, string expected)
    {
        var options = new DeviceOptions { CardReaders = [new CardReaderOptions { Id = "r", Kind = kind }] };
        Assert.Contains(new DeviceOptionsValidator().Validate(null, options).Failures!, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SerialWithUnknownFraming_IsAProblem()
    {
        var options = new DeviceOptions { CardReaders = [new CardReaderOptions { Id = "r", Kind = "Serial", DevicePath = "/dev/ttyUSB0", Framing = "Smoke" }] };
        Assert.Contains(new DeviceOptionsValidator().Validate(null, options).Failures!, f => f.Contains("Framing 'Smoke'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NumericKind_IsNotAcceptedAsAnEnumValue()
    {
        var options = new DeviceOptions { CardReaders = [new CardReaderOptions { Id = "r", Kind = "2" }] };
        Assert.True(new DeviceOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void Validate_EveryRealKindWithItsSettings_Succeeds()
    {
        var options = new DeviceOptions
        {
            CardReaders =
            [
                new CardReaderOptions { Id = "a", Kind = "Pcsc", ReaderName = "ACS ACR122U" },
                new CardReaderOptions { Id = "b", Kind = "Evdev", DevicePath = "/dev/input/by-id/usb-reader-event-kbd", Role = "Staff" },
                new CardReaderOptions { Id = "c", Kind = "Serial", DevicePath = "/dev/ttyUSB0", Framing = "StxEtx", Format = "Hex" },
                new CardReaderOptions { Id = "d", Kind = "Mfrc522", ResetPin = 25 },
            ],
        };
        Assert.True(new DeviceOptionsValidator().Validate(null, options).Succeeded);
    }
}
