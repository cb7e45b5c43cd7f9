namespace KioskAgent.Devices;

/// <summary>One configured card reader.</summary>
public sealed class CardReaderOptions
{
    public string Id { get; set; } = "";

    public CardReaderKind Kind { get; set; }

    public CardReaderRole Role { get; set; } = CardReaderRole.Member;
}
