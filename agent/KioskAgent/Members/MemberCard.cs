namespace KioskAgent.Members;

/// <summary>One card of a member, found by its UID (upper-case hex) or its printed card number.</summary>
public sealed class MemberCard
{
    /// <summary>Upper-case hex UID as the reader sees it; empty for number-only (wedge, QR) cards.</summary>
    public string Uid { get; set; } = "";

    /// <summary>Printed card number (卡号); empty when the card has none.</summary>
    public string Number { get; set; } = "";

    public CardState State { get; set; } = CardState.Active;

    /// <summary>Last day the card is valid (inclusive), in the site's calendar; null when it does not expire.</summary>
    public DateOnly? ValidUntil { get; set; }

    /// <summary>A subsidiary card (附属卡) of the member's main card.</summary>
    public bool Subsidiary { get; set; }

    /// <summary>Card type code (e.g. stored_value, points, discount, count); empty when central does not say.</summary>
    public string Type { get; set; } = "";
}
