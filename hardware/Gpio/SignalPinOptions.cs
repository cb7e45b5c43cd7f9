namespace KioskAgent.Hardware.Gpio;

/// <summary>One output's GPIO line. <see cref="Pin"/> -1 means not fitted.</summary>
public sealed class SignalPinOptions
{
    /// <summary>Line offset on the chip (on a Raspberry Pi header chip: the BCM GPIO number).</summary>
    public int Pin { get; set; } = -1;

    /// <summary>On = low level: LEDs wired to 3.3 V through a resistor, most relay boards (low-level trigger).</summary>
    public bool ActiveLow { get; set; }

    public bool IsFitted => Pin >= 0;
}
