using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Pn532;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The Pn532 reader kind: its capabilities and its settings checked per transport, each problem naming the setting.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class Pn532CardReaderKindTests
{
    private readonly Pn532CardReaderKind _kind = new();

    [Fact]
    public void Capabilities_SecureAndSectorIdentity() =>
        Assert.Equal(DeviceCapabilities.Uid | DeviceCapabilities.MifareSectorAuth | DeviceCapabilities.Iso14443Part4, _kind.Capabilities);

    [Theory]
    [InlineData("Hsu", "DevicePath")]
    [InlineData("Spi", "ChipSelectGpio")]
    [InlineData("Usb", "Transport 'Usb' must be Hsu, I2c or Spi")]
    public void Problems_TransportWithoutWhatItNeeds_NamesTheSetting(string transport, string expected) =>
        Assert.Contains(expected, Assert.Single(_kind.Problems(new Pn532CardReaderSettings { Transport = transport })), StringComparison.Ordinal);

    [Fact]
    public void Problems_EachTransportWithItsSettings_None()
    {
        Assert.Empty(_kind.Problems(new Pn532CardReaderSettings { Transport = "Hsu", DevicePath = "/dev/serial0" }));
        Assert.Empty(_kind.Problems(new Pn532CardReaderSettings { Transport = "i2c" }));
        Assert.Empty(_kind.Problems(new Pn532CardReaderSettings { Transport = "Spi", ChipSelectGpio = 25 }));
    }

    [Fact]
    public void Connection_CarriesTheBusOfItsTransport()
    {
        var i2c = new Pn532CardReaderSettings { Transport = "I2c", I2cBusId = 3 }.Connection!;
        var spi = new Pn532CardReaderSettings { Transport = "Spi", SpiBusId = 1, ChipSelectGpio = 25, ClockFrequency = 2_000_000 }.Connection!;

        Assert.Equal((Pn532Transport.I2c, 3, 0x24), (i2c.Transport, i2c.BusId, i2c.I2cAddress));
        Assert.Equal((Pn532Transport.Spi, 1, 25, 2_000_000), (spi.Transport, spi.BusId, spi.ChipSelectGpio, spi.ClockFrequency));
    }
}
