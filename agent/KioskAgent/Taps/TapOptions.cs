namespace KioskAgent.Taps;

public sealed class TapOptions
{
    public const string Section = "Taps";

    /// <summary>
    /// The same card presented again within this many milliseconds of leaving the field is the same
    /// tap: a card held at the edge of the field flickers in and out.
    /// </summary>
    public int SameCardDebounceMs { get; set; } = 300;
}
