using KioskAgent.Devices;
using KioskAgent.Hardware.Pn532;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>A Pn532 reader's settings are checked at start, per transport, with the setting named.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class Pn532ReaderOptionsTests
{
    [Theory]
    [InlineData("Hsu", "DevicePath")]
    [InlineData("Spi", "ChipSelectGpio")]
    [InlineData("Usb", "Transport 'Usb' must be Hsu, I2c or Spi")]
    public void Validate_TransportWithoutWhatItNeeds_NamesTheSetting(string transport, string expected)
    {
        var options = new DeviceOptions { CardReaders = [new CardReaderOptions { Id = "r", Kind = "Pn532", Transport = transport }] };

        var failure = Assert.Single(new DeviceOptionsValidator().Validate(null, options).Failures!);

        Assert.Contains("CardReaders:0:", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EachTransportWithItsSettings_Succeeds()
    {
        var options = new DeviceOptions
        {
            CardReaders =
            [
                new CardReaderOptions { Id = "a", Kind = "Pn532", Transport = "Hsu", DevicePath = "/dev/serial0" },
                new CardReaderOptions { Id = "b", Kind = "Pn532", Transport = "I2c" },
                new CardReaderOptions { Id = "c", Kind = "Pn532", Transport = "spi", ChipSelectGpio = 25 },
            ],
        };

        Assert.True(new DeviceOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Connection_FromReaderSettings_CarriesTheBusForItsTransport()
    {
        var i2c = new CardReaderOptions { Transport = "I2c", I2cBusId = 3, SpiBusId = 0 }.Pn532Connection!;
        var spi = new CardReaderOptions { Transport = "Spi", I2cBusId = 3, SpiBusId = 1, ChipSelectGpio = 25, ClockFrequency = 2_000_000 }.Pn532Connection!;

        Assert.Equal((Pn532Transport.I2c, 3, 0x24), (i2c.Transport, i2c.BusId, i2c.I2cAddress));
        Assert.Equal((Pn532Transport.Spi, 1, 25, 2_000_000), (spi.Transport, spi.BusId, spi.ChipSelectGpio, spi.ClockFrequency));
    }

    [Fact]
    public void Open_WithSettingsThatCannotWork_ThrowsNamingThem() =>
        Assert.Contains("ChipSelectGpio", Assert.Throws<ArgumentException>(() => Pn532Connection.Open(new Pn532ConnectionOptions { Transport = Pn532Transport.Spi })).Message, StringComparison.Ordinal);
}
