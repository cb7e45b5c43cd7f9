namespace KioskAgent.Hardware.Printer.Status;

/// <summary>Bit masks of the DLE EOT status bytes (Epson ESC/POS Command Reference, DLE EOT, n = 1..4).</summary>
internal static class StatusBits
{
    /// <summary>Every status byte has bit 1 and bit 4 set and bits 0 and 7 clear: 0xx1xx10.</summary>
    public const byte FixedMask = 0b1001_0011;
    public const byte FixedValue = 0b0001_0010;

    /// <summary>n = 1, bit 2: drawer kick-out connector pin 3 is high.</summary>
    public const byte DrawerPin3High = 0x04;

    /// <summary>n = 1, bit 3: offline.</summary>
    public const byte Offline = 0x08;

    /// <summary>n = 2, bit 2: cover is open.</summary>
    public const byte CoverOpen = 0x04;

    /// <summary>n = 2, bit 3: paper is being fed by the FEED button.</summary>
    public const byte FeedButton = 0x08;

    /// <summary>n = 2, bit 5: printing stopped because of paper end.</summary>
    public const byte StoppedByPaperEnd = 0x20;

    /// <summary>n = 2, bit 6: an error occurred (ask n = 3 for the cause).</summary>
    public const byte ErrorOccurred = 0x40;

    /// <summary>n = 3, bit 3: autocutter error.</summary>
    public const byte AutocutterError = 0x08;

    /// <summary>n = 3, bit 5: unrecoverable error.</summary>
    public const byte UnrecoverableError = 0x20;

    /// <summary>n = 3, bit 6: automatically recoverable error (e.g. head temperature).</summary>
    public const byte AutoRecoverableError = 0x40;

    /// <summary>n = 4, bits 2 and 3: roll paper near-end sensor reports paper near end.</summary>
    public const byte PaperNearEnd = 0x0C;

    /// <summary>n = 4, bits 5 and 6: roll paper end sensor reports no paper.</summary>
    public const byte PaperEnd = 0x60;

    public static bool IsStatusByte(byte value) => (value & FixedMask) == FixedValue;
}
