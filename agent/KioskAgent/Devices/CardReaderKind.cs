namespace KioskAgent.Devices;

/// <summary>Which binding drives a configured card reader. Real drivers are added here as they land.</summary>
public enum CardReaderKind
{
    /// <summary>No hardware: cards come from the demo panel, <c>kioskctl sim tap</c> or tests.</summary>
    Simulated = 1,
}
