namespace KioskAgent.Printing;

/// <summary>Section "Printing".</summary>
public sealed class ReceiptPrinterOptions
{
    public const string Section = "Printing";

    /// <summary>How often the printer's real-time status is asked while idle.</summary>
    public int StatusPollMs { get; set; } = 2_000;

    /// <summary>A job held this long (paper out, cover open, unplugged) fails with the reason.</summary>
    public int HoldTimeoutSeconds { get; set; } = 300;

    /// <summary>Baud rate of serial printers (their DIP switches decide).</summary>
    public int SerialBaudRate { get; set; } = 9600;
}
