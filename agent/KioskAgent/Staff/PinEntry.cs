namespace KioskAgent.Staff;

/// <summary>What a PIN entered on the pad did: opened the session, or why not ("pin_wrong", "locked").</summary>
public sealed record PinEntry(bool Accepted, string ReasonCode, TimeSpan RetryAfter)
{
    public const string PinWrong = "pin_wrong";
    public const string Locked = "locked";
}
