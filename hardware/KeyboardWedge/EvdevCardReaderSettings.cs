namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>A keyboard-wedge reader's configuration (its entry under <c>Devices:CardReaders</c>).</summary>
public sealed class EvdevCardReaderSettings
{
    /// <summary>The input device; prefer /dev/input/by-id/... so the id survives replugs.</summary>
    public string DevicePath { get; set; } = "";

    /// <summary>How the reader types card numbers: "Decimal", "Hex" or "Text" (<see cref="TokenFormat"/>).</summary>
    public string Format { get; set; } = nameof(TokenFormat.Decimal);
}
