namespace KioskAgent.Hardware.Mfrc522;

/// <summary>An MFRC522 reader's configuration (its entry under <c>Devices:CardReaders</c>).</summary>
public sealed class Mfrc522CardReaderSettings
{
    /// <summary>SPI bus and chip select (Raspberry Pi SPI0 CE0 = 0, 0).</summary>
    public int SpiBusId { get; set; }

    public int ChipSelectLine { get; set; }

    /// <summary>SPI clock; the MFRC522 allows up to 10 MHz (datasheet §8.1.2), long wires want less.</summary>
    public int ClockFrequency { get; set; } = 1_000_000;

    /// <summary>GPIO of the RST line, -1 when not wired.</summary>
    public int ResetPin { get; set; } = -1;
}
