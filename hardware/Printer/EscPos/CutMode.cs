namespace KioskAgent.Hardware.Printer.EscPos;

/// <summary>GS V function B: m = 65 feeds to the cutter and cuts fully, m = 66 leaves one point uncut.</summary>
public enum CutMode : byte
{
    Full = 65,
    Partial = 66,
}
