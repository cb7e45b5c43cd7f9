using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>An ID-card or barcode reader on a serial port (RS-232, USB-serial, a UART).</summary>
public sealed record SerialCardReaderOptions
{
    /// <summary>e.g. /dev/ttyUSB0, /dev/serial/by-id/usb-…, or a pty link.</summary>
    public required string PortName { get; init; }

    public int BaudRate { get; init; } = 9600;

    public SerialFraming Framing { get; init; } = SerialFraming.Cr;

    /// <summary>Token format for the line framings; STX/ETX frames always carry hex.</summary>
    public TokenFormat Format { get; init; } = TokenFormat.Decimal;

    public CardTechnology Technology { get; init; } = CardTechnology.Id125Khz;

    /// <summary>Longest line accepted (line framings).</summary>
    public int MaxLength { get; init; } = 20;

    /// <summary>A longer silence inside a token throws the partial token away (9600 Bd sends a byte every ~1 ms).</summary>
    public TimeSpan InterByteTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often to try opening the port again after it vanished.</summary>
    public TimeSpan ReopenInterval { get; init; } = TimeSpan.FromSeconds(1);

    internal TokenFormat EffectiveFormat => Framing == SerialFraming.StxEtx ? TokenFormat.Hex : Format;

    internal ISerialFramer CreateFramer() => Framing == SerialFraming.StxEtx
        ? new StxEtxFramer(InterByteTimeout)
        : new LineFramer(Framing, MaxLength, InterByteTimeout);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PortName);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaudRate, 1, nameof(BaudRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLength, 1, nameof(MaxLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReopenInterval, TimeSpan.Zero, nameof(ReopenInterval));
    }
}
