namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>The outcome of checking a SUN: <see cref="SunVerified"/> or <see cref="SunRefused"/>.</summary>
public abstract record SunVerification
{
    public abstract bool IsVerified { get; }
}
