namespace KioskAgent.Demo;

/// <summary>Demo mode: seeded members and a tap panel in the UI. Never on in a deployed kiosk.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Also run the reference central in-process (acks transactions), so the outbox drains with no central installed.</summary>
    public bool ReferenceCentral { get; set; }
}
