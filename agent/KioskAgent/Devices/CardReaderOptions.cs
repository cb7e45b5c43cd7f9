using KioskAgent.Hardware.Devices;

namespace KioskAgent.Devices;

/// <summary>
/// What every configured card reader has (an entry of <c>Devices:CardReaders</c>). The rest of the
/// entry belongs to the reader's kind and is bound onto the kind's own settings class (e.g.
/// <c>ReaderName</c> for Pcsc). Kind and role are kept as text and checked by validation, because
/// the configuration binder silently drops a list element whose enum value does not parse.
/// </summary>
public sealed class CardReaderOptions
{
    public string Id { get; set; } = "";

    /// <summary>A registered reader kind's name, e.g. "Pcsc" (see <see cref="Kinds.DeviceKinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>A <see cref="CardReaderRole"/> name; "Member" when empty.</summary>
    public string Role { get; set; } = nameof(CardReaderRole.Member);

    public CardReaderRole? ParsedRole => EnumSetting.Parse<CardReaderRole>(Role);
}
