using System.Diagnostics;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.CardReaders.StorageCards;
using StatusWords = KioskAgent.Hardware.CardReaders.StorageCards.StorageCardStatusWords;

namespace KioskAgent.Hardware.Mfrc522;

/// <summary>
/// Talks to one selected card through an MFRC522 in the PC/SC Part 3 pseudo-APDU language
/// (section 3.2.2.1), so card logic written for PC/SC readers runs unchanged:
/// FF CA 00 00 00 get UID, FF 82 00 slot 06 key load key, FF 86 00 00 05 01 00 block 60|61 slot
/// general authenticate (and the older FF 88 00 block 60|61 slot), FF B0 00 block Le read binary.
/// ISO/IEC 14443-4 APDUs (any other CLA) answer 6A 81: T=CL is not implemented.
/// </summary>
public sealed class Mfrc522Transceiver : ICardTransceiver
{
    private readonly Mfrc522 _mfrc522;
    private readonly Lock _gate;
    private readonly MifareKeySlots _keys;
    private long _lastSuccess;

    /// <summary>For a card selected with <see cref="Mfrc522.ListenForCard"/>; keys loaded here stay with this instance.</summary>
    public Mfrc522Transceiver(Mfrc522 mfrc522, PiccSelection card)
        : this(mfrc522, card, new Lock(), new MifareKeySlots())
    {
    }

    internal Mfrc522Transceiver(Mfrc522 mfrc522, PiccSelection card, Lock gate, MifareKeySlots keys)
    {
        _mfrc522 = mfrc522 ?? throw new ArgumentNullException(nameof(mfrc522));
        Card = card ?? throw new ArgumentNullException(nameof(card));
        _gate = gate;
        _keys = keys;
        _lastSuccess = Stopwatch.GetTimestamp();
    }

    /// <summary>The card this transceiver talks to.</summary>
    public PiccSelection Card { get; }

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
            catch (IOException ex)
            {
                Lost = true;
                throw new CardCommunicationException("The MFRC522 could not be reached over SPI.", ex);
            }
        }
    }

    /// <summary>Re-selects the card after something reset its state (a failed authentication, a NAK).</summary>
    internal bool Reactivate()
    {
        _mfrc522.StopCrypto1();
        var status = _mfrc522.ListenForCard(wakeUp: true, out var again);
        var ok = status == Mfrc522Status.Ok && again!.SameCardAs(Card);
        Lost |= !ok;
        if (ok)
        {
            MarkAnswered();
        }

        return ok;
    }

    internal void MarkAnswered()
    {
        _lastSuccess = Stopwatch.GetTimestamp();
        Lost = false;
    }

    private byte[] Dispatch(ReadOnlySpan<byte> apdu)
    {
        if (!StorageCardApdu.TryParse(apdu, out var command, out var refusal))
        {
            return refusal;
        }

        switch (command.Instruction)
        {
            case StorageCardInstruction.GetUid:
                return StorageCardApdu.AnswerGetUid(command, Card.Uid);
            case StorageCardInstruction.LoadKey:
                _keys.Load(command.KeySlot, command.Key);
                return StatusWords.Success;
            case StorageCardInstruction.Authenticate:
                return Authenticate(command.Block, command.KeyType, command.KeySlot);
            default:
                return ReadBinary(command.Block, command.Length);
        }
    }

    private byte[] Authenticate(byte block, byte keyType, byte slot)
    {
        if (keyType is not ((byte)MifareKeyType.KeyA or (byte)MifareKeyType.KeyB))
        {
            return StatusWords.FunctionNotSupported;
        }

        if (!_keys.TryGet(slot, out var key))
        {
            return StatusWords.OperationFailed;
        }

        var status = _mfrc522.MifareAuthenticate((MifareKeyType)keyType, block, key, Card.AuthenticationUid);
        switch (status)
        {
            case Mfrc522Status.Ok:
                MarkAnswered();
                return StatusWords.Success;
            case Mfrc522Status.ChipTimeout:
                throw ChipNotResponding();
            default:
                // A MIFARE Classic falls back to IDLE after a failed authentication: wake it for the next try.
                Reactivate();
                return StatusWords.OperationFailed;
        }
    }

    /// <summary>MIFARE READ (16 bytes); the first <paramref name="length"/> of them are answered.</summary>
    private byte[] ReadBinary(byte blockAddress, int length)
    {
        Span<byte> block = stackalloc byte[StorageCardApdu.BlockSize];
        var status = _mfrc522.MifareRead(blockAddress, block);
        return ReadOutcome(status, block[..length]);
    }

    private byte[] ReadOutcome(Mfrc522Status status, ReadOnlySpan<byte> data)
    {
        switch (status)
        {
            case Mfrc522Status.Ok:
                MarkAnswered();
                return StatusWords.WithSuccess(data);
            case Mfrc522Status.Nak:
                // Not authenticated for this block (or no such block): the card went back to IDLE.
                Reactivate();
                return StatusWords.OperationFailed;
            case Mfrc522Status.NoAnswer:
                Lost = true;
                throw new CardCommunicationException("The card did not answer READ; it has probably left the field.");
            case Mfrc522Status.ChipTimeout:
                throw ChipNotResponding();
            default:
                throw new CardCommunicationException($"The card's answer to READ was unusable ({status}).");
        }
    }

    private CardCommunicationException ChipNotResponding()
    {
        Lost = true;
        return new CardCommunicationException("The MFRC522 did not complete the command (chip or bus fault).");
    }
}
