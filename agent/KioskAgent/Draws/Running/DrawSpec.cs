namespace KioskAgent.Draws.Running;

/// <summary>What staff set up for a draw before its pool is frozen; the rules are published with the commitment.</summary>
public sealed record DrawSpec(string DrawId, string Title, string ActivityId, DrawPoolMode PoolMode, DrawRules Rules)
{
    /// <summary>Draw ids: 1-64 letters, digits, '-' or '_' (they are part of MQTT topics).</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
