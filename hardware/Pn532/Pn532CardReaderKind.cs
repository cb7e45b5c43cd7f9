using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Pn532;

/// <summary>
/// <c>Kind=Pn532</c>: a PN532 module on HSU, I2C or SPI. UIDs, MIFARE Classic sectors and ISO/IEC
/// 14443-4 cards (the PN532 runs T=CL itself), so NTAG 424 DNA secure identity too.
/// </summary>
public sealed class Pn532CardReaderKind : DeviceKind<Pn532CardReaderSettings, ICardReader>
{
    public override string Name => "Pn532";

    public override DeviceCapabilities Capabilities =>
        DeviceCapabilities.Uid | DeviceCapabilities.MifareSectorAuth | DeviceCapabilities.Iso14443Part4;

    public override IEnumerable<string> Problems(Pn532CardReaderSettings settings) =>
        settings.Connection is { } connection
            ? connection.Problems()
            : [$"Transport '{settings.Transport}' must be Hsu, I2c or Spi."];

    /// <summary>Opening the chip is deferred to the reader's own thread, which retries it.</summary>
    public override ICardReader Create(DeviceContext context, Pn532CardReaderSettings settings)
    {
        var connection = settings.Connection ?? throw new ArgumentException($"Transport '{settings.Transport}' must be Hsu, I2c or Spi.", nameof(settings));
        return new Pn532CardReader(context.DeviceId, () => Pn532Connection.Open(connection), timeProvider: context.Time);
    }
}
