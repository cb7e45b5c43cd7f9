namespace KioskAgent.Hardware.Display;

/// <summary>What a two-line customer display shows: the upper and the lower line.</summary>
public sealed record DisplayLines(string Upper, string Lower)
{
    public static DisplayLines Blank { get; } = new("", "");
}
