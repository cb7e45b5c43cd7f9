using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc.Native;
using KioskAgent.Hardware.Pcsc.Watching;

namespace KioskAgent.Hardware.Pcsc;

/// <summary>
/// APDUs to the card of one <see cref="CardPresented"/> event, through SCardTransmit. It stops
/// working when that card leaves (the reader disconnects it), even if another card is put down.
/// Every exchange is bounded (<see cref="PcscCardReaderOptions.ExchangeTimeout"/>, and all of one
/// card's within <see cref="PcscCardReaderOptions.CardReadTimeout"/>): a card that does not answer
/// in time throws <see cref="CardCommunicationException"/> instead of blocking the caller.
/// </summary>
public sealed class PcscCardTransceiver : ICardTransceiver
{
    private readonly CardLink _link;

    internal PcscCardTransceiver(CardLink link) => _link = link;

    /// <summary>False once the card has left and the connection is closed.</summary>
    public bool IsConnected => !_link.IsClosed;

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        if (commandApdu.Length < 4)
        {
            throw new ArgumentException("A command APDU has at least CLA INS P1 P2 (ISO/IEC 7816-4 §5.1).", nameof(commandApdu));
        }

        var status = _link.Transmit(commandApdu, out var response, out var waited);
        if (status == ScardError.Timeout)
        {
            throw new CardCommunicationException($"The card did not answer within {waited.TotalMilliseconds:F0} ms.");
        }

        if (status == ScardError.InvalidHandle && _link.IsClosed)
        {
            throw new CardCommunicationException("The card has left the reader; its connection is closed.");
        }

        if (status != ScardError.Success)
        {
            var error = new PcscException("SCardTransmit", status);
            throw new CardCommunicationException(error.Message, error);
        }

        if (response.Length < 2)
        {
            throw new CardCommunicationException($"The card answered {response.Length} byte(s), less than SW1 SW2.");
        }

        return response;
    }
}
