namespace KioskAgent.Members;

/// <summary>
/// The lookup keys of a member as the cache indexes them. Card UIDs, card numbers and QR tokens
/// identify one member only (<c>u:</c>, <c>n:</c>, <c>q:</c> prefixes keep the kinds apart), as
/// does the member number (<c>m:</c>); a phone (<c>p:</c>) may be shared, so it is kept apart from
/// these. The cache stores keyed hashes of these texts, never the texts.
/// </summary>
internal static class MemberKeys
{
    public const string UidPrefix = "u:";
    public const string NumberPrefix = "n:";
    public const string QrPrefix = "q:";
    public const string MemberPrefix = "m:";
    public const string PhonePrefix = "p:";

    public static string Member(string memberNumber) => MemberPrefix + memberNumber;

    public static string Phone(string phone) => PhonePrefix + phone;

    public static string Uid(string uid) => UidPrefix + uid.ToUpperInvariant();

    public static string Number(string number) => NumberPrefix + number.Trim();

    public static string Qr(string token) => QrPrefix + token;

    /// <summary>The unique keys of a member with the field each comes from.</summary>
    public static IEnumerable<(string Key, string Field)> Unique(Member member)
    {
        for (var i = 0; i < member.Cards.Count; i++)
        {
            var card = member.Cards[i];
            if (card.Uid.Length > 0)
            {
                yield return (Uid(card.Uid), $"cards[{i}].uid");
            }

            if (card.Number.Length > 0)
            {
                yield return (Number(card.Number), $"cards[{i}].card_number");
            }
        }

        if (member.QrToken.Length > 0)
        {
            yield return (Qr(member.QrToken), "qr_token");
        }
    }

    /// <summary>
    /// Whether <paramref name="member"/> really has the lookup key <paramref name="key"/>: a row
    /// found through a keyed hash must hold the key that was looked up, or it is not shown.
    /// </summary>
    public static bool Holds(Member member, string key) => key[..2] switch
    {
        MemberPrefix => string.Equals(Member(member.MemberNumber), key, StringComparison.Ordinal),
        PhonePrefix => string.Equals(Phone(member.Phone), key, StringComparison.Ordinal),
        _ => Unique(member).Any(k => string.Equals(k.Key, key, StringComparison.Ordinal)),
    };

    /// <summary>Words for a key in a problem; card UIDs and numbers are not personal data, QR tokens are not shown.</summary>
    public static string Describe(string key) => key[..2] switch
    {
        UidPrefix => $"card UID {key[2..]}",
        NumberPrefix => $"card number {key[2..]}",
        _ => "QR token",
    };
}
