namespace KioskAgent.Hardware.Devices;

/// <summary>
/// What a kind of device can do. Configuration is checked against these at start, so a site policy
/// that needs a capability no configured device has stops the agent instead of refusing every tap.
/// </summary>
[Flags]
public enum DeviceCapabilities
{
    None = 0,

    /// <summary>Reads a card's UID (or the number an ID/barcode reader types).</summary>
    Uid = 1 << 0,

    /// <summary>Authenticates and reads MIFARE Classic sectors (identity mode Sector).</summary>
    MifareSectorAuth = 1 << 1,

    /// <summary>Exchanges ISO/IEC 14443-4 APDUs with the card, so NTAG 424 DNA SUN works (identity mode Secure).</summary>
    Iso14443Part4 = 1 << 2,

    /// <summary>Decodes QR codes (a member's digital card, vouchers).</summary>
    Qr = 1 << 3,

    /// <summary>Prints receipts.</summary>
    Print = 1 << 4,

    /// <summary>Shows text to the member (customer display).</summary>
    Display = 1 << 5,

    /// <summary>Drives buzzer, LEDs and relays.</summary>
    Signals = 1 << 6,
}
