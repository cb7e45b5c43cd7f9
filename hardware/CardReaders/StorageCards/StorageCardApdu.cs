namespace KioskAgent.Hardware.CardReaders.StorageCards;

/// <summary>
/// Parses the PC/SC Part 3 storage-card pseudo-APDUs (section 3.2.2.1) for readers that carry them
/// out themselves instead of passing them to a PC/SC reader's firmware: GET DATA (FF CA), LOAD KEYS
/// (FF 82), GENERAL AUTHENTICATE (FF 86 and the older FF 88) and READ BINARY (FF B0). The card logic
/// in <c>hardware/Card</c> speaks exactly these, so one parser serves every such binding and they
/// all answer the same status words.
/// </summary>
public static class StorageCardApdu
{
    /// <summary>CLA of every pseudo-APDU; any other CLA is an ISO/IEC 7816-4 APDU for a T=CL card.</summary>
    public const byte PseudoApduClass = 0xFF;

    /// <summary>Bytes one READ BINARY returns at most: one MIFARE Classic block or four Ultralight pages.</summary>
    public const int BlockSize = 16;

    private const byte GetDataInstruction = 0xCA;
    private const byte LoadKeysInstruction = 0x82;
    private const byte GeneralAuthenticateInstruction = 0x86;
    private const byte AuthenticateObsoleteInstruction = 0x88;
    private const byte ReadBinaryInstruction = 0xB0;
    private const byte KeyTypeA = 0x60;
    private const byte KeyTypeB = 0x61;

    /// <summary>True when <paramref name="apdu"/> has a header and CLA FF.</summary>
    public static bool IsPseudoApdu(ReadOnlySpan<byte> apdu) => apdu.Length >= 4 && apdu[0] == PseudoApduClass;

    /// <summary>
    /// Parses a pseudo-APDU. False with <paramref name="refusal"/> set to the status word to answer
    /// (wrong length, unsupported parameter or instruction) when it cannot be carried out.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> apdu, out StorageCardCommand command, out byte[] refusal)
    {
        command = default;
        refusal = [];
        if (apdu.Length < 4)
        {
            refusal = StorageCardStatusWords.WrongLength;
            return false;
        }

        if (apdu[0] != PseudoApduClass)
        {
            refusal = StorageCardStatusWords.FunctionNotSupported;
            return false;
        }

        var parsed = apdu[1] switch
        {
            GetDataInstruction => GetUid(apdu),
            LoadKeysInstruction => LoadKey(apdu),
            GeneralAuthenticateInstruction => GeneralAuthenticate(apdu),
            AuthenticateObsoleteInstruction => AuthenticateObsolete(apdu),
            ReadBinaryInstruction => ReadBinary(apdu),
            _ => Refuse(StorageCardStatusWords.InstructionNotSupported),
        };
        (command, refusal) = parsed;
        return refusal.Length == 0;
    }

    /// <summary>The answer to GET DATA for a card with <paramref name="uid"/>: the UID, or 6C xx when Le is too short.</summary>
    public static byte[] AnswerGetUid(StorageCardCommand command, ReadOnlySpan<byte> uid) =>
        command.Length != 0 && command.Length < uid.Length
            ? StorageCardStatusWords.WrongLe(uid.Length)
            : StorageCardStatusWords.WithSuccess(uid);

    private static (StorageCardCommand Command, byte[] Refusal) Accept(StorageCardCommand command) => (command, []);

    private static (StorageCardCommand Command, byte[] Refusal) Refuse(ReadOnlySpan<byte> statusWord) => (default, statusWord.ToArray());

    /// <summary>FF CA 00 00 [Le]: the UID. P1 = 01 (ATS) is not supported.</summary>
    private static (StorageCardCommand, byte[]) GetUid(ReadOnlySpan<byte> apdu) =>
        apdu.Length > 5 ? Refuse(StorageCardStatusWords.WrongLength)
        : apdu[2] != 0x00 || apdu[3] != 0x00 ? Refuse(StorageCardStatusWords.FunctionNotSupported)
        : Accept(new StorageCardCommand(StorageCardInstruction.GetUid, Length: apdu.Length == 5 ? apdu[4] : 0));

    /// <summary>FF 82 P1 slot 06 key: P1 00 (volatile) or 20 (non-volatile, kept volatile by these readers).</summary>
    private static (StorageCardCommand, byte[]) LoadKey(ReadOnlySpan<byte> apdu) =>
        apdu.Length != 5 + MifareKeySlots.KeyLength || apdu[4] != MifareKeySlots.KeyLength ? Refuse(StorageCardStatusWords.WrongLength)
        : apdu[2] is not (0x00 or 0x20) || !MifareKeySlots.IsValidSlot(apdu[3]) ? Refuse(StorageCardStatusWords.FunctionNotSupported)
        : Accept(new StorageCardCommand(StorageCardInstruction.LoadKey, KeySlot: apdu[3], Key: apdu[5..].ToArray()));

    /// <summary>FF 86 00 00 05 | 01 00 block keyType slot.</summary>
    private static (StorageCardCommand, byte[]) GeneralAuthenticate(ReadOnlySpan<byte> apdu) =>
        apdu.Length != 10 || apdu[4] != 5 ? Refuse(StorageCardStatusWords.WrongLength)
        : apdu[2] != 0x00 || apdu[3] != 0x00 || apdu[5] != 0x01 || apdu[6] != 0x00 ? Refuse(StorageCardStatusWords.FunctionNotSupported)
        : Authenticate(apdu[7], apdu[8], apdu[9]);

    /// <summary>FF 88 00 block keyType slot: the authenticate form older PC/SC readers documented.</summary>
    private static (StorageCardCommand, byte[]) AuthenticateObsolete(ReadOnlySpan<byte> apdu) =>
        apdu.Length != 6 ? Refuse(StorageCardStatusWords.WrongLength)
        : apdu[2] != 0x00 ? Refuse(StorageCardStatusWords.FunctionNotSupported)
        : Authenticate(apdu[3], apdu[4], apdu[5]);

    private static (StorageCardCommand, byte[]) Authenticate(byte block, byte keyType, byte slot) =>
        keyType is not (KeyTypeA or KeyTypeB)
            ? Refuse(StorageCardStatusWords.FunctionNotSupported)
            : Accept(new StorageCardCommand(StorageCardInstruction.Authenticate, Block: block, KeyType: keyType, KeySlot: slot));

    /// <summary>FF B0 00 block Le: Le 00 means 16, Le 1..16 returns the first Le bytes.</summary>
    private static (StorageCardCommand, byte[]) ReadBinary(ReadOnlySpan<byte> apdu) =>
        apdu.Length != 5 || apdu[4] > BlockSize ? Refuse(StorageCardStatusWords.WrongLength)
        : apdu[2] != 0x00 ? Refuse(StorageCardStatusWords.FunctionNotSupported)
        : Accept(new StorageCardCommand(StorageCardInstruction.ReadBinary, Block: apdu[3], Length: apdu[4] == 0 ? BlockSize : apdu[4]));
}
