namespace KioskAgent.Hardware.CardReaders;

/// <summary>
/// Exchanges command APDUs with the card currently in a reader's field. APDUs are the one language
/// all card logic speaks: ISO/IEC 7816-4 for ISO 14443-4 cards (NTAG 424 DNA, DESFire) and the
/// PC/SC Part 3 pseudo-APDUs for storage cards (FF CA get UID, FF 82 load key, FF 86 general
/// authenticate, FF B0 read binary). A PC/SC reader passes them through; other bindings (MFRC522,
/// the simulator) implement them. So one card-logic class works over every reader.
/// </summary>
public interface ICardTransceiver
{
    /// <summary>
    /// Sends <paramref name="commandApdu"/> and returns the response APDU including SW1 SW2.
    /// Throws <see cref="CardCommunicationException"/> when the card is gone or the answer is unusable.
    /// </summary>
    byte[] Transmit(ReadOnlySpan<byte> commandApdu);
}
