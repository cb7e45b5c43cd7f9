namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>
/// A MIFARE Classic 1K (MF1S50yyX) behind a PC/SC reader, answering the PC/SC Part 3 pseudo-APDUs
/// a reader such as the ACR122U implements: GET DATA (FF CA), LOAD KEYS (FF 82, volatile slots
/// 00-1F), GENERAL AUTHENTICATE (FF 86) checked against the sector trailer, READ BINARY (FF B0)
/// checked against the authenticated sector and its access bits. Keys and blocks are set directly
/// (personalisation) with <see cref="SetSectorKeys"/> and <see cref="SetBlock"/>.
/// </summary>
public sealed class VirtualMifareClassicCard : IVirtualCard
{
    public const int SectorCount = 16;
    public const int BlocksPerSector = 4;
    public const int BlockSize = 16;
    public const int KeySize = 6;
    private const int KeySlots = 0x20;

    /// <summary>MF1S50yyX §8.6.3: delivered with key A = key B = FF FF FF FF FF FF.</summary>
    public static readonly byte[] TransportKey = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private readonly byte[][] _blocks;
    private readonly byte[]?[] _keySlots = new byte[KeySlots][];
    private (int Sector, bool KeyB)? _authenticated;

    /// <param name="uid">4-byte NUID, as most Classic 1K cards.</param>
    public VirtualMifareClassicCard(byte[] uid)
    {
        Uid = uid;
        _blocks = Enumerable.Range(0, SectorCount * BlocksPerSector).Select(_ => new byte[BlockSize]).ToArray();
        _blocks[0] = ManufacturerBlock(uid);
        for (var sector = 0; sector < SectorCount; sector++)
        {
            SetSectorKeys(sector, TransportKey, TransportKey, MifareAccessBits.Transport);
        }
    }

    /// <summary>
    /// PC/SC Part 3 storage-card ATR (§3.1.3.2.3): RID A000000306, standard 03 (ISO 14443 A part 3),
    /// card name 00 01 (MIFARE Classic 1K), TCK 6A.
    /// </summary>
    public byte[] Atr { get; } =
        [0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x6A];

    public byte[] Uid { get; }

    public static int TrailerOf(int sector) => (sector * BlocksPerSector) + BlocksPerSector - 1;

    public void SetSectorKeys(int sector, byte[] keyA, byte[] keyB, byte[]? accessBits = null)
    {
        var trailer = _blocks[TrailerOf(sector)];
        keyA.CopyTo(trailer, 0);
        (accessBits ?? MifareAccessBits.Transport).CopyTo(trailer, 6);
        keyB.CopyTo(trailer, 10);
    }

    public void SetBlock(int block, ReadOnlySpan<byte> data) => data.CopyTo(_blocks[block]);

    public byte[] GetBlock(int block) => _blocks[block].ToArray();

    public byte[] Process(byte[] commandApdu)
    {
        if (!CommandApdu.TryParse(commandApdu, out var command))
        {
            return StatusWords.Only(StatusWords.WrongLength);
        }

        if (command.Cla != 0xFF)
        {
            return StatusWords.Only(StatusWords.ClaNotSupported);
        }

        return command.Ins switch
        {
            0xCA => StatusWords.AnswerGetUid(command, Uid),
            0x82 => LoadKey(command),
            0x86 => Authenticate(command),
            0xB0 => ReadBinary(command),
            _ => StatusWords.Only(StatusWords.InsNotSupported),
        };
    }

    // PC/SC Part 3 LOAD KEYS: P1 00 = card key in volatile memory, P2 = key number, data = key.
    private byte[] LoadKey(CommandApdu command)
    {
        if (command.P1 != 0x00)
        {
            return StatusWords.Only(StatusWords.CommandNotAllowed);
        }

        if (command.P2 >= KeySlots)
        {
            return StatusWords.Only(StatusWords.KeyNumberInvalid);
        }

        if (command.Data.Length != KeySize)
        {
            return StatusWords.Only(StatusWords.KeyLengthWrong);
        }

        _keySlots[command.P2] = command.Data;
        return StatusWords.Only(StatusWords.Ok);
    }

    // PC/SC Part 3 GENERAL AUTHENTICATE: data = 01 (version) 00 block keyType(60 A / 61 B) keyNumber.
    private byte[] Authenticate(CommandApdu command)
    {
        if (command.Data is not [0x01, 0x00, var block, var keyType, var slot])
        {
            return StatusWords.Only(StatusWords.WrongLength);
        }

        if (keyType is not (0x60 or 0x61))
        {
            return StatusWords.Only(StatusWords.KeyTypeUnknown);
        }

        if (slot >= KeySlots || _keySlots[slot] is null)
        {
            return StatusWords.Only(StatusWords.KeyNumberInvalid);
        }

        _authenticated = null;
        if (block >= _blocks.Length || !KeyMatches(block / BlocksPerSector, keyType == 0x61, _keySlots[slot]!))
        {
            return StatusWords.Only(StatusWords.NoInformation);
        }

        _authenticated = (block / BlocksPerSector, keyType == 0x61);
        return StatusWords.Only(StatusWords.Ok);
    }

    private bool KeyMatches(int sector, bool keyB, byte[] key)
    {
        var trailer = _blocks[TrailerOf(sector)];
        return trailer.AsSpan(keyB ? 10 : 0, KeySize).SequenceEqual(key);
    }

    // PC/SC Part 3 READ BINARY: P1 P2 = block number, Le = 16.
    private byte[] ReadBinary(CommandApdu command)
    {
        var block = (command.P1 << 8) | command.P2;
        if (command.Le is not (0x10 or 0x00))
        {
            return StatusWords.WrongLe(BlockSize);
        }

        if (block >= _blocks.Length)
        {
            return StatusWords.Only(StatusWords.NotFound);
        }

        if (_authenticated is not { } auth || auth.Sector != block / BlocksPerSector || !MayRead(block, auth.KeyB))
        {
            return StatusWords.Only(StatusWords.SecurityNotSatisfied);
        }

        return StatusWords.With(block == TrailerOf(auth.Sector) ? MaskedTrailer(auth.Sector, auth.KeyB) : _blocks[block], StatusWords.Ok);
    }

    private bool MayRead(int block, bool keyB)
    {
        var sector = block / BlocksPerSector;
        var trailerConditions = MifareAccessBits.Decode(_blocks[TrailerOf(sector)].AsSpan(6, 3), BlocksPerSector - 1);
        var conditions = MifareAccessBits.Decode(_blocks[TrailerOf(sector)].AsSpan(6, 3), block % BlocksPerSector);
        if (trailerConditions is null || conditions is null || (keyB && MifareAccessBits.KeyBReadable(trailerConditions.Value)))
        {
            // MF1S50yyX §8.7.2: with key B readable, a key B authentication allows no access.
            return false;
        }

        return block == TrailerOf(sector) || MifareAccessBits.DataBlockReadable(conditions.Value, keyB);
    }

    // MF1S50yyX §8.7.2: key A never reads back; key B only where the trailer makes it readable.
    private byte[] MaskedTrailer(int sector, bool keyB)
    {
        var trailer = _blocks[TrailerOf(sector)].ToArray();
        Array.Clear(trailer, 0, KeySize);
        var trailerConditions = MifareAccessBits.Decode(trailer.AsSpan(6, 3), BlocksPerSector - 1)!.Value;
        if (keyB || !MifareAccessBits.KeyBReadable(trailerConditions))
        {
            Array.Clear(trailer, 10, KeySize);
        }

        return trailer;
    }

    // MF1S50yyX §8.6.1: UID, BCC (XOR of the UID bytes), SAK 08, ATQA 04 00, manufacturer data.
    private static byte[] ManufacturerBlock(byte[] uid)
    {
        var block = new byte[BlockSize];
        uid.CopyTo(block, 0);
        block[4] = (byte)(uid[0] ^ uid[1] ^ uid[2] ^ uid[3]);
        block[5] = 0x08;
        block[6] = 0x04;
        return block;
    }
}
