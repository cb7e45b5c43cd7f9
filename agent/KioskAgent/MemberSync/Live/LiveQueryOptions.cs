namespace KioskAgent.MemberSync.Live;

/// <summary>Live member answers from central (section <c>Central</c>, docs/configuration.md).</summary>
public sealed class LiveQueryOptions
{
    public const string Section = "Central";

    /// <summary>
    /// How long the member screen waits for central's live balance and points after a tap, showing
    /// the cached figures meanwhile; 0 turns live queries off (the screen shows "as of the last sync").
    /// </summary>
    public int LiveQueryMilliseconds { get; set; } = 800;
}
