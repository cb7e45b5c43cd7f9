namespace KioskAgent.Hardware.Gpio.Chips;

/// <summary>Which GPIO chip to use: by label, by number of lines, or both. Never by chip number, which moves between boards and kernels.</summary>
public sealed record GpioChipSelector(string? Label = null, int? Lines = null)
{
    /// <summary>The 40-pin header's chip on Raspberry Pi 5 (RP1), 4, and 3 / Zero 2, in that order.</summary>
    public static IReadOnlyList<string> RaspberryPiHeaderLabels { get; } = ["pinctrl-rp1", "pinctrl-bcm2711", "pinctrl-bcm2835"];

    public bool Matches(System.Device.Gpio.GpioChipInfo chip) =>
        (string.IsNullOrEmpty(Label) || string.Equals(chip.Label, Label, StringComparison.OrdinalIgnoreCase))
        && (Lines is null or 0 || chip.NumLines == Lines);

    public override string ToString() =>
        string.Join(", ", new[] { string.IsNullOrEmpty(Label) ? null : $"label '{Label}'", Lines is > 0 ? $"{Lines} lines" : null }.OfType<string>());
}
