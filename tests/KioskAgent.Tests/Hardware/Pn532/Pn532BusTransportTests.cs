using System.Device.Gpio;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Gpio.Simulated;
using KioskAgent.Hardware.Pn532;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pn532;
using KioskAgent.Tests.Testing.VirtualCards;
using Pn532Chip = Iot.Device.Pn532.Pn532;

namespace KioskAgent.Tests.Hardware.Pn532;

/// <summary>
/// The same reader over I2C and SPI: the binding's I2C and SPI paths (status byte, DW/SR/DR
/// operations, GPIO chip select) against the simulator as an <c>I2cDevice</c> and an <c>SpiDevice</c>.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class Pn532BusTransportTests
{
    private const string MetaKey = "000102030405060708090A0B0C0D0E0F";
    private const string FileKey = "F0E0D0C0B0A090807060504030201000";

    public static TheoryData<string> Transports => ["I2c", "Spi"];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Tap_UidAndSunReadOverTheBus(string transport)
    {
        var firmware = new SimulatedPn532();
        var driver = new SimulatedGpioDriver();
        await using var reader = new Pn532CardReader("member-1", () => Open(transport, firmware, driver));
        await using var log = new ReaderEventLog(reader);
        var ready = await log.WaitForAsync<ReaderStatusChanged>(e => e.Available);
        var tag = new VirtualNtag424Card(Convert.FromHexString("04DE5F1EACC040"), Convert.FromHexString(MetaKey), Convert.FromHexString(FileKey));

        firmware.Present(Pn532FieldCard.Ntag424(tag));
        var tap = await log.WaitForAsync<CardPresented>();
        var url = new Ntag424Card(tap.Transceiver!).ReadNdefUrl();
        var sun = url.IsSuccess ? new SunVerifier(SunKeys.Shared(Convert.FromHexString(MetaKey), Convert.FromHexString(FileKey)), new InMemorySunCounterStore()).Verify(url.Value) : null;

        Assert.Equal("ready: PN532 firmware 1.6", ready.Reason);
        Assert.Equal(("04DE5F1EACC040", CardTechnology.Iso14443A4), (tap.Uid.Hex, tap.Technology));
        Assert.True(url.IsSuccess, url.ToString());
        Assert.IsType<SunVerified>(sun);
        if (transport == "Spi")
        {
            // The binding frames every SPI exchange with the chip-select GPIO.
            Assert.Contains(driver.Writes, w => w.Pin == ChipSelectGpio);
        }
    }

    private const int ChipSelectGpio = 8;

    private static Pn532Chip Open(string transport, SimulatedPn532 firmware, SimulatedGpioDriver driver) => transport == "I2c"
        ? new Pn532Chip(new SimulatedPn532I2c(firmware))
        : new Pn532Chip(new SimulatedPn532Spi(firmware), ChipSelectGpio, new GpioController(driver), shouldDispose: true);
}
