namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>A line the scanner typed that was thrown away.</summary>
/// <param name="Reason">Stable: "too_long", "invalid_token" (a control character), "incomplete" (no line end).</param>
/// <param name="Detail">What happened, for logs; never the scanned text.</param>
public sealed record CodeScanFailed(string ScannerId, DateTimeOffset At, string Reason, string Detail) : ScanEvent(ScannerId, At);
