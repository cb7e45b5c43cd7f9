namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>
/// A card emulated by a test: it answers command APDUs the way a real card behind a PC/SC reader
/// would (ISO 7816-4, or the PC/SC Part 3 pseudo-APDUs for storage cards). The same virtual card
/// can sit behind the real pcscd (through vpcd) or behind an in-process transceiver.
/// </summary>
public interface IVirtualCard
{
    /// <summary>The answer-to-reset the reader reports for this card.</summary>
    byte[] Atr { get; }

    /// <summary>Answers one command APDU with data + SW1 SW2, or anything else to emulate a broken card.</summary>
    byte[] Process(byte[] commandApdu);
}
