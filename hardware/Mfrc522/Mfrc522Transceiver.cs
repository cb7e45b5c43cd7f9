using System.Diagnostics;
using KioskAgent.Hardware.CardReaders;

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
    private const byte PseudoApduClass = 0xFF;
    private const byte GetDataInstruction = 0xCA;
    private const byte LoadKeysInstruction = 0x82;
    private const byte GeneralAuthenticateInstruction = 0x86;
    private const byte AuthenticateObsoleteInstruction = 0x88;
    private const byte ReadBinaryInstruction = 0xB0;
    private const int MifareBlockSize = 16;

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
        if (apdu.Length < 4)
        {
            return StatusWords.WrongLength;
        }

        if (apdu[0] != PseudoApduClass)
        {
            return StatusWords.FunctionNotSupported;
        }

        return apdu[1] switch
        {
            GetDataInstruction => GetUid(apdu),
            LoadKeysInstruction => LoadKey(apdu),
            GeneralAuthenticateInstruction => GeneralAuthenticate(apdu),
            AuthenticateObsoleteInstruction => AuthenticateObsolete(apdu),
            ReadBinaryInstruction => ReadBinary(apdu),
            _ => StatusWords.InstructionNotSupported,
        };
    }

    /// <summary>FF CA 00 00 [Le]: the UID. P1 = 01 (ATS) is not supported.</summary>
    private byte[] GetUid(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length > 5)
        {
            return StatusWords.WrongLength;
        }

        if (apdu[2] != 0x00 || apdu[3] != 0x00)
        {
            return StatusWords.FunctionNotSupported;
        }

        var le = apdu.Length == 5 ? apdu[4] : 0;
        return le != 0 && le < Card.Uid.Length ? StatusWords.WrongLe(Card.Uid.Length) : StatusWords.WithSuccess(Card.Uid);
    }

    /// <summary>FF 82 P1 slot 06 key: P1 00 (volatile) or 20 (non-volatile, kept volatile here).</summary>
    private byte[] LoadKey(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length != 5 + MifareKeySlots.KeyLength || apdu[4] != MifareKeySlots.KeyLength)
        {
            return StatusWords.WrongLength;
        }

        if (apdu[2] is not (0x00 or 0x20) || !MifareKeySlots.IsValidSlot(apdu[3]))
        {
            return StatusWords.FunctionNotSupported;
        }

        _keys.Load(apdu[3], apdu[5..]);
        return StatusWords.Success;
    }

    /// <summary>FF 86 00 00 05 | 01 00 block keyType slot.</summary>
    private byte[] GeneralAuthenticate(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length != 10 || apdu[4] != 5)
        {
            return StatusWords.WrongLength;
        }

        if (apdu[2] != 0x00 || apdu[3] != 0x00 || apdu[5] != 0x01 || apdu[6] != 0x00)
        {
            return StatusWords.FunctionNotSupported;
        }

        return Authenticate(apdu[7], apdu[8], apdu[9]);
    }

    /// <summary>FF 88 00 block keyType slot: the authenticate form older PC/SC readers documented.</summary>
    private byte[] AuthenticateObsolete(ReadOnlySpan<byte> apdu) =>
        apdu.Length != 6 ? StatusWords.WrongLength
        : apdu[2] != 0x00 ? StatusWords.FunctionNotSupported
        : Authenticate(apdu[3], apdu[4], apdu[5]);

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

    /// <summary>FF B0 00 block Le: MIFARE READ (16 bytes); Le 00 means 16, Le 1..16 returns the first Le bytes.</summary>
    private byte[] ReadBinary(ReadOnlySpan<byte> apdu)
    {
        if (apdu.Length != 5 || apdu[4] > MifareBlockSize)
        {
            return StatusWords.WrongLength;
        }

        if (apdu[2] != 0x00)
        {
            return StatusWords.FunctionNotSupported;
        }

        var length = apdu[4] == 0 ? MifareBlockSize : apdu[4];
        Span<byte> block = stackalloc byte[MifareBlockSize];
        var status = _mfrc522.MifareRead(apdu[3], block);
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
