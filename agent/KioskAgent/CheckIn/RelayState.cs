namespace KioskAgent.CheckIn;

/// <summary>What the cross-kiosk relay reports for the staff screen: conflicts found, and how fresh its knowledge of other kiosks is.</summary>
public sealed record RelayState(int Conflicts, DateTimeOffset? OthersKnownAsOf)
{
    public static RelayState None { get; } = new(0, null);
}
