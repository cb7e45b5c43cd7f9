namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>A SUN that must not be trusted; <paramref name="Reason"/> is one of <see cref="SunRefusalReasons"/>.</summary>
public sealed record SunRefused(string Reason) : SunVerification
{
    public override bool IsVerified => false;
}
