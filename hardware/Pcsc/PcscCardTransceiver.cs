using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Hardware.Pcsc;

/// <summary>
/// APDUs to the card of one <see cref="CardPresented"/> event, through SCardTransmit. It stops
/// working when that card leaves (the reader disconnects it), even if another card is put down.
/// </summary>
public sealed class PcscCardTransceiver : ICardTransceiver
{
    private readonly PcscCardConnection _connection;

    internal PcscCardTransceiver(PcscCardConnection connection) => _connection = connection;

    /// <summary>False once the card has left and the connection is closed.</summary>
    public bool IsConnected => !_connection.IsClosed;

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        if (commandApdu.Length < 4)
        {
            throw new ArgumentException("A command APDU has at least CLA INS P1 P2 (ISO/IEC 7816-4 §5.1).", nameof(commandApdu));
        }

        var status = _connection.Transmit(commandApdu, out var response);
        if (status == ScardError.InvalidHandle && _connection.IsClosed)
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
