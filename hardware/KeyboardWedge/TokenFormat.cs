namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>What a reader types for one card, and how it becomes a <see cref="CardReaders.CardUid"/> (see <see cref="CardNumber"/>).</summary>
public enum TokenFormat
{
    /// <summary>Decimal digits, e.g. the 10-digit EM4100 number "0012345678" most 125 kHz ID readers type.</summary>
    Decimal,

    /// <summary>Hexadecimal digits, e.g. "0A1B2C3D4E"; upper or lower case.</summary>
    Hex,

    /// <summary>Printable ASCII (barcodes), 1 to 16 characters.</summary>
    Text,
}
