using KioskAgent.Hardware.Pn532;

namespace KioskAgent.Devices;

/// <summary>
/// One configured card reader. Kind, role, format and framing are kept as text and parsed by
/// validation, because the configuration binder silently drops a list element whose enum value
/// does not parse. Which of the other settings apply depends on the kind.
/// </summary>
public sealed class CardReaderOptions
{
    public string Id { get; set; } = "";

    /// <summary>A <see cref="CardReaderKind"/> name, e.g. "Pcsc".</summary>
    public string Kind { get; set; } = "";

    /// <summary>A <see cref="CardReaderRole"/> name; "Member" when empty.</summary>
    public string Role { get; set; } = nameof(CardReaderRole.Member);

    /// <summary>Pcsc: the reader's name or a part of it, e.g. "ACS ACR122U".</summary>
    public string ReaderName { get; set; } = "";

    /// <summary>
    /// Pcsc: longest wait for one card exchange (connect, each APDU). A card that does not answer in
    /// time fails its tap with card_timeout and the reader shows as fault "card_stuck" until it answers or leaves.
    /// </summary>
    public int ExchangeTimeoutMs { get; set; } = 2000;

    /// <summary>Pcsc: longest time for all exchanges of one card from its arrival (connect, UID, identity read).</summary>
    public int CardReadTimeoutMs { get; set; } = 5000;

    /// <summary>Evdev: the input device (prefer /dev/input/by-id/...); Serial: the port.</summary>
    public string DevicePath { get; set; } = "";

    /// <summary>Pn532: "Hsu" (the port in DevicePath), "I2c" (I2cBusId, I2cAddress) or "Spi" (SpiBusId, ChipSelectLine, ChipSelectGpio, ClockFrequency).</summary>
    public string Transport { get; set; } = nameof(Pn532Transport.Hsu);

    /// <summary>Pn532 on I2C: the bus (Raspberry Pi: 1) and the 7-bit address (0x24 = 36).</summary>
    public int I2cBusId { get; set; } = 1;

    public int I2cAddress { get; set; } = Iot.Device.Pn532.Pn532.I2cDefaultAddress;

    /// <summary>Pn532 on SPI: the GPIO wired to the PN532's SS pin.</summary>
    public int ChipSelectGpio { get; set; } = -1;

    /// <summary>Evdev/Serial: how the reader types card numbers: "Decimal", "Hex" or "Text".</summary>
    public string Format { get; set; } = "Decimal";

    /// <summary>Serial: "Cr", "Lf", "CrLf" or "StxEtx".</summary>
    public string Framing { get; set; } = "Cr";

    public int BaudRate { get; set; } = 9600;

    /// <summary>Mfrc522/Pn532: SPI bus and chip select (Raspberry Pi SPI0 CE0 = 0, 0).</summary>
    public int SpiBusId { get; set; }

    public int ChipSelectLine { get; set; }

    /// <summary>Mfrc522/Pn532 SPI clock; the MFRC522 allows up to 10 MHz (datasheet §8.1.2), the PN532 5 MHz; long wires want less.</summary>
    public int ClockFrequency { get; set; } = 1_000_000;

    /// <summary>Mfrc522: GPIO of the RST line, -1 when not wired.</summary>
    public int ResetPin { get; set; } = -1;

    public CardReaderKind? ParsedKind => Parse<CardReaderKind>(Kind);

    /// <summary>Pn532: where the module is attached, or null when <see cref="Transport"/> is not a transport.</summary>
    public Pn532ConnectionOptions? Pn532Connection => Parse<Pn532Transport>(Transport) is { } transport
        ? new Pn532ConnectionOptions
        {
            Transport = transport,
            PortName = DevicePath,
            BusId = transport == Pn532Transport.I2c ? I2cBusId : SpiBusId,
            I2cAddress = I2cAddress,
            ChipSelectLine = ChipSelectLine,
            ChipSelectGpio = ChipSelectGpio,
            ClockFrequency = ClockFrequency,
        }
        : null;

    public CardReaderRole? ParsedRole => Parse<CardReaderRole>(Role);

    internal static T? Parse<T>(string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _) ? value : null;
}
