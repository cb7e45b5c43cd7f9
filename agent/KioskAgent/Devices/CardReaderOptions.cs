namespace KioskAgent.Devices;

/// <summary>
/// One configured card reader. Kind and role are kept as text and parsed by validation, because the
/// configuration binder silently drops a list element whose enum value does not parse.
/// </summary>
public sealed class CardReaderOptions
{
    public string Id { get; set; } = "";

    /// <summary>A <see cref="CardReaderKind"/> name, e.g. "Simulated".</summary>
    public string Kind { get; set; } = "";

    /// <summary>A <see cref="CardReaderRole"/> name; "Member" when empty.</summary>
    public string Role { get; set; } = nameof(CardReaderRole.Member);

    public CardReaderKind? ParsedKind => Enum.TryParse<CardReaderKind>(Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;

    public CardReaderRole? ParsedRole => Enum.TryParse<CardReaderRole>(Role, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role : null;
}
