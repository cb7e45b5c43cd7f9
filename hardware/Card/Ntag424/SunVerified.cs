using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>A genuine, fresh tap of the card <paramref name="Uid"/> with SDMReadCtr <paramref name="Counter"/>.</summary>
public sealed record SunVerified(CardUid Uid, int Counter) : SunVerification
{
    public override bool IsVerified => true;

    /// <summary>Masks the UID, so logging the result never leaks it.</summary>
    public override string ToString() => $"SunVerified {{ Uid = {Uid.Masked()}, Counter = {Counter} }}";
}
