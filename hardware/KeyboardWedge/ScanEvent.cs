namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>Something a code scanner reported.</summary>
public abstract record ScanEvent(string ScannerId, DateTimeOffset At);
