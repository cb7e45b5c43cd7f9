using KioskAgent.Hardware.CardReaders;

namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>An in-process transceiver in front of a virtual card, for unit tests of card logic.</summary>
public sealed class VirtualCardTransceiver(IVirtualCard card) : ICardTransceiver
{
    /// <summary>Every command sent, in order, for assertions on what the logic asked.</summary>
    public List<byte[]> Sent { get; } = [];

    /// <summary>Set to true to emulate the card leaving the field.</summary>
    public bool Removed { get; set; }

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        if (Removed)
        {
            throw new CardCommunicationException("The card was removed.");
        }

        var command = commandApdu.ToArray();
        Sent.Add(command);
        return card.Process(command);
    }
}
