namespace KioskAgent.Identity;

/// <summary>The site's card identity policy (section "CardIdentity").</summary>
public sealed class CardIdentityOptions
{
    public const string Section = "CardIdentity";

    public CardIdentityMode Mode { get; set; } = CardIdentityMode.UidOnly;

    public SunIdentityOptions Sun { get; set; } = new();

    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return $"CardIdentity:Mode must be one of: {string.Join(", ", Enum.GetNames<CardIdentityMode>())}.";
        }

        if (Mode == CardIdentityMode.Secure)
        {
            foreach (var (name, value) in new[] { ("MetaReadKey", Sun.MetaReadKey), ("FileReadKey", Sun.FileReadKey) })
            {
                if (!IsHex(value, 16))
                {
                    yield return $"CardIdentity:Sun:{name} must be an AES-128 key: 32 hex digits.";
                }
            }

            if (Sun.SystemIdentifier.Length > 0 && (!IsHex(Sun.SystemIdentifier, Sun.SystemIdentifier.Length / 2) || Sun.SystemIdentifier.Length > 48))
            {
                yield return "CardIdentity:Sun:SystemIdentifier must be hex, at most 24 bytes.";
            }
        }

        if (Mode == CardIdentityMode.Sector)
        {
            yield return "CardIdentity:Mode Sector is not available in this build.";
        }
    }

    internal static bool IsHex(string value, int bytes) =>
        value.Length == bytes * 2 && value.All(char.IsAsciiHexDigit);
}
