namespace KioskAgent.Screen;

public sealed class ScreenOptions
{
    public const string Section = "Screen";

    /// <summary>A member's data leaves the screen after this long without a new tap (privacy).</summary>
    public int ClearAfterSeconds { get; set; } = 15;

    /// <summary>Refusals are read quickly; they clear sooner.</summary>
    public int RefusalClearAfterSeconds { get; set; } = 8;

    /// <summary>Written as "中文 · English", each screen language shows its own half.</summary>
    public string IdleGreeting { get; set; } = "欢迎光临 · Welcome";

    /// <summary>The screen device turns to a fault after this long without a heartbeat from the page.</summary>
    public int HeartbeatTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// The idle screen dims after this long without a touch (a dark overlay with a slowly moving
    /// hint: less light, no burn-in); 0: never. A touch or a tap wakes it at once.
    /// </summary>
    public int DimAfterSeconds { get; set; } = 120;
}
