namespace KioskAgent.Camera;

/// <summary>The codes in view in one frame, whether they were decoded from it (or carried over from an unchanged frame), and what that cost.</summary>
public sealed record QrFrameScan(IReadOnlyList<string> Codes, bool Decoded, TimeSpan Cost);
