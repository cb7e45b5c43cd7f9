namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>One scanned line: printable ASCII. <see cref="Text"/> may be a credential: never log it.</summary>
public sealed record CodeScanned(string ScannerId, DateTimeOffset At, string Text) : ScanEvent(ScannerId, At);
