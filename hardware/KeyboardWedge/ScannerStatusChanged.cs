namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>The scanner became available (opened) or unavailable (unplugged, cannot open), with why.</summary>
public sealed record ScannerStatusChanged(string ScannerId, DateTimeOffset At, bool Available, string Reason) : ScanEvent(ScannerId, At);
