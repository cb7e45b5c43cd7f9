namespace KioskAgent.Draws.Running;

/// <summary>What staff set up for a draw before its pool is frozen; the rules are published with the commitment.</summary>
public sealed record DrawSpec(string DrawId, string Title, string ActivityId, DrawPoolMode PoolMode, DrawRules Rules)
{
    /// <summary>The event whose earlier winners are excluded; empty: the activity is the event.</summary>
    public string EventId { get; init; } = "";

    /// <summary>Earlier winners of the event may win again in this draw.</summary>
    public bool AllowEarlierWinners { get; init; }

    /// <summary>For a group pool (选房): the groups, each an entrant (id = the member tag that puts a member in it).</summary>
    public IReadOnlyList<DrawEntrant> Groups { get; init; } = [];

    /// <summary>The event this draw belongs to: <see cref="EventId"/>, else <see cref="ActivityId"/>; empty for neither.</summary>
    public string Event => EventId.Length > 0 ? EventId : ActivityId;

    /// <summary>Draw ids: 1-64 letters, digits, '-' or '_' (they are part of MQTT topics).</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
