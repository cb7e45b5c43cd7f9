namespace KioskAgent.Members;

/// <summary>One card of a member, keyed by its UID (upper-case hex).</summary>
public sealed class MemberCard
{
    public string Uid { get; set; } = "";

    public CardState State { get; set; } = CardState.Active;

    /// <summary>Last day the card is valid (inclusive), in the site's calendar; null when it does not expire.</summary>
    public DateOnly? ValidUntil { get; set; }
}
