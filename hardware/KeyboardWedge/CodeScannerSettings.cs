namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>A code scanner's configuration (its entry under <c>Devices:Scanners</c>), for both Evdev and Serial.</summary>
public sealed class CodeScannerSettings
{
    /// <summary>Room for a voucher QR (<c>KV1:code:transaction</c>, about 50 characters) and far longer codes.</summary>
    public const int DefaultMaxLength = 512;

    /// <summary>The input event node (Evdev) or the serial port (Serial); prefer /dev/input/by-id/… or /dev/serial/by-id/….</summary>
    public string DevicePath { get; set; } = "";

    /// <summary>Longest line accepted; a longer one is refused as "too_long" (1-4096).</summary>
    public int MaxLength { get; set; } = DefaultMaxLength;

    /// <summary>Serial only: "Cr", "Lf" or "CrLf" (the other line-end byte is ignored, so "Cr" also takes CR LF).</summary>
    public string Framing { get; set; } = nameof(SerialFraming.Cr);

    /// <summary>Serial only; a USB-CDC scanner ignores it.</summary>
    public int BaudRate { get; set; } = 9600;
}
