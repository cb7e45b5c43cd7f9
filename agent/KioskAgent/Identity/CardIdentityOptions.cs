using KioskAgent.Hardware.Card.Mifare;

namespace KioskAgent.Identity;

/// <summary>The site's card identity policy (section "CardIdentity").</summary>
public sealed class CardIdentityOptions
{
    public const string Section = "CardIdentity";

    public CardIdentityMode Mode { get; set; } = CardIdentityMode.UidOnly;

    public SunIdentityOptions Sun { get; set; } = new();

    /// <summary>Where the member number sits on MIFARE Classic cards and the site key that reads it (section "CardIdentity:Sector").</summary>
    public MemberNumberOptions Sector { get; set; } = new();

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

        if (Mode == CardIdentityMode.Sector && SectorProblem() is { } problem)
        {
            yield return $"CardIdentity:Sector: {problem}";
        }
    }

    private string? SectorProblem()
    {
        try
        {
            Sector.Validate();
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return ex.Message;
        }
    }

    internal static bool IsHex(string value, int bytes) =>
        value.Length == bytes * 2 && value.All(char.IsAsciiHexDigit);
}
