namespace KioskAgent.Watchdog;

/// <summary>How long the agent's main loops may go without progress before the watchdog stops vouching for them.</summary>
public sealed class WatchdogOptions
{
    public const string Section = "Watchdog";

    /// <summary>One tap (journal commit included) longer than this means the tap pipeline hangs.</summary>
    public int TapMaxSeconds { get; set; } = 20;

    /// <summary>The journal must answer a trivial read within this long.</summary>
    public int JournalMaxSeconds { get; set; } = 20;
}
