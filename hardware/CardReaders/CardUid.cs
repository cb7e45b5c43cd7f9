namespace KioskAgent.Hardware.CardReaders;

/// <summary>
/// A card's unique identifier as read from the card (ISO/IEC 14443-3: 4, 7 or 10 bytes for
/// contactless cards; 125 kHz ID cards give 5 bytes). Stored and compared as upper-case hex.
/// </summary>
public readonly record struct CardUid
{
    private CardUid(string hex) => Hex = hex;

    /// <summary>Upper-case hex without separators, e.g. "04A1B2C3D4E5F6".</summary>
    public string Hex { get; }

    public static CardUid FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is 0 or > 16)
        {
            throw new ArgumentException($"A card UID has 1 to 16 bytes, got {bytes.Length}.", nameof(bytes));
        }

        return new CardUid(Convert.ToHexString(bytes));
    }

    /// <summary>Parses hex with optional ':' '-' or ' ' separators.</summary>
    public static bool TryParse(string? text, out CardUid uid)
    {
        uid = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = text.Replace(":", "", StringComparison.Ordinal)
            .Replace("-", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal);
        if (compact.Length is 0 or > 32 || compact.Length % 2 != 0)
        {
            return false;
        }

        foreach (var c in compact)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        uid = new CardUid(compact.ToUpperInvariant());
        return true;
    }

    public static CardUid Parse(string text) =>
        TryParse(text, out var uid)
            ? uid
            : throw new FormatException($"'{text}' is not a card UID (1 to 16 bytes of hex).");

    /// <summary>Shows only the last four hex digits, for screens and logs.</summary>
    public string Masked() =>
        Hex.Length <= 4 ? new string('*', Hex.Length) : string.Concat(new string('*', Hex.Length - 4), Hex.AsSpan(Hex.Length - 4));

    public override string ToString() => Hex ?? string.Empty;

}
