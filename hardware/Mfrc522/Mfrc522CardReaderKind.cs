using System.Device.Gpio;
using System.Device.Spi;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Mfrc522;

/// <summary>
/// <c>Kind=Mfrc522</c>: an MFRC522 module on SPI. UIDs and MIFARE Classic sectors; no ISO/IEC
/// 14443-4 (T=CL is not implemented, such APDUs answer 6A 81), so no NTAG 424 secure identity.
/// </summary>
public sealed class Mfrc522CardReaderKind : DeviceKind<Mfrc522CardReaderSettings, ICardReader>
{
    public override string Name => "Mfrc522";

    public override DeviceCapabilities Capabilities => DeviceCapabilities.Uid | DeviceCapabilities.MifareSectorAuth;

    public override IEnumerable<string> Problems(Mfrc522CardReaderSettings settings)
    {
        if (settings.ClockFrequency is < 10_000 or > 10_000_000)
        {
            yield return "ClockFrequency must be 10 kHz-10 MHz (MFRC522 datasheet §8.1.2).";
        }
    }

    public override ICardReader Create(DeviceContext context, Mfrc522CardReaderSettings settings)
    {
        // SPI mode 0, MSB first (MFRC522 datasheet §8.1.2).
        var spi = SpiDevice.Create(new SpiConnectionSettings(settings.SpiBusId, settings.ChipSelectLine) { ClockFrequency = settings.ClockFrequency, Mode = SpiMode.Mode0 });
        var gpio = settings.ResetPin >= 0 ? new GpioController() : null;
        return new Mfrc522CardReader(context.DeviceId, new Mfrc522(spi, settings.ResetPin, gpio, shouldDispose: true), timeProvider: context.Time);
    }
}
