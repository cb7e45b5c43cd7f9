using System.Diagnostics;
using Iot.Device.Card;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.StorageCards;
using StatusWords = KioskAgent.Hardware.CardReaders.StorageCards.StorageCardStatusWords;

namespace KioskAgent.Hardware.Pn532;

/// <summary>
/// Adapts our card logic (<c>hardware/Card</c>, APDUs through <see cref="ICardTransceiver"/>) to a
/// dotnet/iot <see cref="CardTransceiver"/> such as the PN532 binding:
/// <list type="bullet">
/// <item>ISO/IEC 7816-4 APDUs (CLA ≠ FF) to an ISO/IEC 14443-4 card go through unchanged as
/// <see cref="NfcProtocol.Iso14443_4"/>: the PN532 firmware runs T=CL (I-blocks, chaining, WTX) in
/// InDataExchange, so NTAG 424 DNA SUN reads work as over PC/SC.</item>
/// <item>The PC/SC Part 3 storage-card pseudo-APDUs are parsed by the same
/// <see cref="StorageCardApdu"/> as the MFRC522 binding and carried out as MIFARE commands
/// (AUTH 60/61 with the key and four UID bytes, READ 30; MF1S50yyX §10) with
/// <see cref="NfcProtocol.Mifare"/>.</item>
/// </list>
/// </summary>
public sealed class Pn532Transceiver : ICardTransceiver
{
    private const byte MifareRead = 0x30;

    private readonly CardTransceiver _chip;
    private readonly Lock _gate;
    private readonly MifareKeySlots _keys;
    private long _lastSuccess;

    /// <summary>For a card activated with InListPassiveTarget; keys loaded here stay with this instance.</summary>
    public Pn532Transceiver(CardTransceiver chip, Pn532Target target)
        : this(chip, target, new Lock(), new MifareKeySlots())
    {
    }

    internal Pn532Transceiver(CardTransceiver chip, Pn532Target target, Lock gate, MifareKeySlots keys)
    {
        _chip = chip ?? throw new ArgumentNullException(nameof(chip));
        Target = target ?? throw new ArgumentNullException(nameof(target));
        _gate = gate;
        _keys = keys;
        _lastSuccess = Stopwatch.GetTimestamp();
    }

    /// <summary>The card this transceiver talks to; its target number changes when the reader re-activates it.</summary>
    public Pn532Target Target { get; internal set; }

    /// <summary>Set by the reader when it reports the card gone; later calls throw.</summary>
    internal bool Closed { get; set; }

    /// <summary>The card stopped answering during an exchange: the reader should check presence now.</summary>
    internal bool Lost { get; private set; }

    /// <summary>Time since the card last answered an exchange correctly (call under the gate).</summary>
    internal TimeSpan SinceLastSuccess => Stopwatch.GetElapsedTime(_lastSuccess);

    public byte[] Transmit(ReadOnlySpan<byte> commandApdu)
    {
        lock (_gate)
        {
            if (Closed)
            {
                throw new CardCommunicationException("The card has left the reader.");
            }

            try
            {
                return Dispatch(commandApdu);
            }
            catch (Exception ex) when (ex is not CardCommunicationException)
            {
                // The binding throws plain exceptions for transport faults (serial timeouts mid-frame,
                // a closed port, I2C/SPI errors); for the card logic they all mean the tap is over.
                Lost = true;
                throw new CardCommunicationException($"The PN532 could not be reached ({ex.GetType().Name}).", ex);
            }
        }
    }

    internal void MarkAnswered()
    {
        _lastSuccess = Stopwatch.GetTimestamp();
        Lost = false;
    }

    private byte[] Dispatch(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length >= 4 && !StorageCardApdu.IsPseudoApdu(apdu))
        {
            return Target.SupportsIso14443Part4 ? ExchangeApdu(apdu) : StatusWords.FunctionNotSupported;
        }

        if (!StorageCardApdu.TryParse(apdu, out var command, out var refusal))
        {
            return refusal;
        }

        switch (command.Instruction)
        {
            case StorageCardInstruction.GetUid:
                return StorageCardApdu.AnswerGetUid(command, Target.Uid);
            case StorageCardInstruction.LoadKey:
                _keys.Load(command.KeySlot, command.Key);
                return StatusWords.Success;
            case StorageCardInstruction.Authenticate:
                return Authenticate(command.Block, command.KeyType, command.KeySlot);
            default:
                return ReadBinary(command.Block, command.Length);
        }
    }

    /// <summary>One APDU through InDataExchange; the answer carries the card's own SW1 SW2.</summary>
    private byte[] ExchangeApdu(ReadOnlySpan<byte> apdu)
    {
        var answer = new byte[_chip.MaximumReadSize];
        var length = _chip.Transceive(Target.TargetNumber, apdu, answer, NfcProtocol.Iso14443_4);
        if (length < 0 && ChangesNoCardData(apdu))
        {
            // The binding cannot NACK a damaged answer (it reads the data with one SerialPort.Read,
            // which can come back short); SELECT and READ BINARY may simply be sent again.
            length = _chip.Transceive(Target.TargetNumber, apdu, answer, NfcProtocol.Iso14443_4);
        }

        if (length < 2)
        {
            Lost = true;
            throw new CardCommunicationException(length < 0
                ? "InDataExchange failed: the card did not answer the APDU (left the field, or a transport error)."
                : $"The card answered {length} byte(s), less than SW1 SW2.");
        }

        MarkAnswered();
        return answer[..length];
    }

    /// <summary>ISO/IEC 7816-4 SELECT (A4) and READ BINARY (B0) with an interindustry CLA: reads, no card data changes.</summary>
    private static bool ChangesNoCardData(ReadOnlySpan<byte> apdu) => (apdu[0] & 0x80) == 0 && apdu[1] is 0xA4 or 0xB0;

    private byte[] Authenticate(byte block, byte keyType, byte slot)
    {
        if (!_keys.TryGet(slot, out var key))
        {
            return StatusWords.OperationFailed;
        }

        byte[] command = [keyType, block, .. key, .. Target.AuthenticationUid];
        try
        {
            var result = _chip.Transceive(Target.TargetNumber, command, new byte[1], NfcProtocol.Mifare);
            if (result >= 0)
            {
                MarkAnswered();
                return StatusWords.Success;
            }
        }
        finally
        {
            Array.Clear(command);
        }

        return RefusedOrGone("authentication");
    }

    /// <summary>MIFARE READ (16 bytes); the first <paramref name="length"/> of them are answered.</summary>
    private byte[] ReadBinary(byte block, int length)
    {
        var data = new byte[StorageCardApdu.BlockSize];
        var result = _chip.Transceive(Target.TargetNumber, [MifareRead, block], data, NfcProtocol.Mifare);
        if (result == StorageCardApdu.BlockSize)
        {
            MarkAnswered();
            return StatusWords.WithSuccess(data.AsSpan(0, length));
        }

        return result < 0
            ? RefusedOrGone("READ")
            : throw new CardCommunicationException($"The card's answer to READ had {result} byte(s), not {StorageCardApdu.BlockSize}.");
    }

    /// <summary>
    /// The binding answers -1 for every failed InDataExchange (its status byte is dropped), so a
    /// refused key and a card that left look the same. A MIFARE Classic falls back to IDLE after a
    /// failed authentication or a NAK: re-select it (InDeselect + InSelect). If it answers, the card
    /// refused (63 00, card logic may try the next key); if not, it is gone.
    /// </summary>
    private byte[] RefusedOrGone(string what)
    {
        // Twice: one lost frame (a card at the edge of the field, a busy host) must not end the tap.
        if (_chip.ReselectTarget(Target.TargetNumber) || _chip.ReselectTarget(Target.TargetNumber))
        {
            MarkAnswered();
            return StatusWords.OperationFailed;
        }

        Lost = true;
        throw new CardCommunicationException($"The card did not answer {what} and could not be selected again; it has probably left the field.");
    }
}
