namespace KioskAgent.Devices;

/// <summary>
/// What every configured code scanner has (an entry of <c>Devices:Scanners</c>); the rest of the
/// entry (DevicePath, MaxLength, ...) is bound onto its kind's settings. Kind is kept as text and
/// checked by validation, like a card reader's.
/// </summary>
public sealed class ScannerOptions
{
    public string Id { get; set; } = "";

    /// <summary>A registered scanner kind's name: "Evdev" or "Serial".</summary>
    public string Kind { get; set; } = "";
}
