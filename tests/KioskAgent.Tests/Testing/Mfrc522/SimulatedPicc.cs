namespace KioskAgent.Tests.Testing.Mfrc522;

/// <summary>
/// A contactless card in the simulated MFRC522's field: ISO/IEC 14443-3 type A states (IDLE, READY,
/// ACTIVE, HALT), bit-oriented anticollision over 1–3 cascade levels, SELECT/HLTA with CRC_A, MIFARE
/// Classic authentication with per-sector keys and MIFARE / Ultralight READ. Crypto1 is not
/// modelled: after authentication frames stay plain. A test can take the card away at any time
/// (<see cref="InField"/>, <see cref="LeaveFieldAfterFrames"/>) or make it answer with a bad CRC.
/// </summary>
public sealed class SimulatedPicc
{
    private static readonly byte[] SelectCodes = [0x93, 0x95, 0x97];
    private static readonly byte[] DefaultKey = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
    private const byte CascadeTag = 0x88;
    private const byte Nak = 0x04;

    private readonly Kind _kind;
    private readonly byte[][] _blocks;
    private readonly Dictionary<(int Sector, byte KeyType), byte[]> _keys = [];
    private State _state = State.Idle;
    private bool _wokenFromHalt;
    private int _level;
    private int _authenticatedSector = -1;
    private volatile bool _inField = true;
    private volatile bool _corruptCrc;

    private SimulatedPicc(byte[] uid, byte sak, Kind kind, int blockCount, int blockSize)
    {
        if (uid.Length is not (4 or 7 or 10))
        {
            throw new ArgumentException("ISO/IEC 14443-3 UIDs have 4, 7 or 10 bytes.", nameof(uid));
        }

        Uid = uid;
        Sak = sak;
        _kind = kind;
        _blocks = [.. Enumerable.Range(0, blockCount).Select(_ => new byte[blockSize])];
    }

    private enum Kind
    {
        Classic,
        Ultralight,
        Other,
    }

    private enum State
    {
        Idle,
        Ready,
        Active,
        Halt,
    }

    public byte[] Uid { get; }

    public byte Sak { get; }

    /// <summary>ATQA bits 7..6 give the UID size (00 single, 01 double, 10 triple); bit 2 = bit-frame anticollision.</summary>
    public byte[] Atqa => [(byte)((Uid.Length switch { 4 => 0x00, 7 => 0x40, _ => 0x80 }) | 0x04), 0x00];

    public bool InField
    {
        get => _inField;
        set => _inField = value;
    }

    /// <summary>Answers that carry a CRC_A (SAK, READ data) get a wrong one.</summary>
    public bool CorruptCrc
    {
        get => _corruptCrc;
        set => _corruptCrc = value;
    }

    /// <summary>The card leaves the field after answering this many more frames (a card pulled mid-read).</summary>
    public int? LeaveFieldAfterFrames { get; set; }

    public bool IsHalted => _state == State.Halt;

    public bool IsActive => _state == State.Active;

    public int FramesReceived { get; private set; }

    public static SimulatedPicc MifareClassic(string uidHex, byte sak = 0x08) =>
        new(Convert.FromHexString(uidHex), sak, Kind.Classic, sak switch { 0x09 => 20, 0x18 => 256, _ => 64 }, 16);

    public static SimulatedPicc Ultralight(string uidHex) => new(Convert.FromHexString(uidHex), 0x00, Kind.Ultralight, 16, 4);

    /// <summary>A card that only activates: for SAK decoding (ISO 14443-4, unknown SAKs).</summary>
    public static SimulatedPicc WithSak(string uidHex, byte sak) => new(Convert.FromHexString(uidHex), sak, Kind.Other, 0, 16);

    public void SetBlock(int block, byte[] data) => _blocks[block] = [.. data];

    public void SetKey(int sector, byte keyType, byte[] key) => _keys[(sector, keyType)] = [.. key];

    internal RfFrame? Receive(RfFrame frame)
    {
        if (!ConsumeFieldBudget())
        {
            return null;
        }

        FramesReceived++;
        if (frame.Bits == 7)
        {
            return ShortFrame(frame.Data[0]);
        }

        return _state switch
        {
            State.Ready => Anticollision(frame),
            State.Active => ActiveCommand(frame.Data),
            _ => null,
        };
    }

    /// <summary>MFAuthent as the card sees it: the right key for the block's sector and the right 4 UID bytes.</summary>
    internal bool Authenticate(byte keyType, byte block, ReadOnlySpan<byte> key, ReadOnlySpan<byte> uid)
    {
        if (!_inField || _state != State.Active || _kind != Kind.Classic)
        {
            return false;
        }

        var ok = block < _blocks.Length
            && uid.SequenceEqual(Uid.AsSpan(Uid.Length - 4))
            && key.SequenceEqual(KeyFor(SectorOf(block), keyType));
        if (!ok)
        {
            FallBack();
            return false;
        }

        _authenticatedSector = SectorOf(block);
        return true;
    }

    private static int SectorOf(int block) => block < 128 ? block / 4 : 32 + ((block - 128) / 16);

    private static byte Bcc(ReadOnlySpan<byte> uidCl) => (byte)(uidCl[0] ^ uidCl[1] ^ uidCl[2] ^ uidCl[3]);

    private byte[] KeyFor(int sector, byte keyType) => _keys.TryGetValue((sector, keyType), out var key) ? key : DefaultKey;

    private bool ConsumeFieldBudget()
    {
        if (LeaveFieldAfterFrames is { } left)
        {
            if (left <= 0)
            {
                _inField = false;
                LeaveFieldAfterFrames = null;
            }
            else
            {
                LeaveFieldAfterFrames = left - 1;
            }
        }

        if (!_inField)
        {
            _state = State.Idle;
            _authenticatedSector = -1;
        }

        return _inField;
    }

    private RfFrame? ShortFrame(byte command)
    {
        var wakes = command switch
        {
            0x26 => _state == State.Idle,
            0x52 => _state is State.Idle or State.Halt,
            _ => false,
        };
        if (!wakes)
        {
            if (_state is State.Ready or State.Active)
            {
                FallBack();
            }

            return null;
        }

        _wokenFromHalt = _state == State.Halt;
        _state = State.Ready;
        _level = 0;
        return RfFrame.FromBytes(Atqa);
    }

    /// <summary>UID CLn + BCC of the current cascade level.</summary>
    private byte[] UidClWithBcc()
    {
        var levels = Uid.Length switch { 4 => 1, 7 => 2, _ => 3 };
        byte[] uidCl = _level == levels - 1
            ? Uid[^4..]
            : [CascadeTag, .. Uid.AsSpan(_level * 3, 3)];
        return [.. uidCl, Bcc(uidCl)];
    }

    private bool IsLastLevel => _level == (Uid.Length switch { 4 => 0, 7 => 1, _ => 2 });

    private RfFrame? Anticollision(RfFrame frame)
    {
        if (frame.Bits < 16 || frame.Data[0] != SelectCodes[_level])
        {
            FallBack();
            return null;
        }

        var nvb = frame.Data[1];
        return nvb == 0x70 && frame.Bits == 72 ? Select(frame.Data) : AnswerKnownBits(frame, nvb);
    }

    /// <summary>Answers the rest of UID CLn + BCC when the bits the reader already knows match this card.</summary>
    private RfFrame? AnswerKnownBits(RfFrame frame, byte nvb)
    {
        var knownBits = (((nvb >> 4) - 2) * 8) + (nvb & 0x0F);
        if (knownBits is < 0 or > 40 || frame.Bits != 16 + knownBits)
        {
            return null;
        }

        var mine = RfFrame.FromBytes(UidClWithBcc());
        for (var i = 0; i < knownBits; i++)
        {
            if (mine.Bit(i) != frame.Bit(16 + i))
            {
                return null;
            }
        }

        return mine.Skip(knownBits);
    }

    private RfFrame? Select(byte[] frame)
    {
        if (!CrcA.IsValid(frame) || !frame.AsSpan(2, 5).SequenceEqual(UidClWithBcc()))
        {
            return null;
        }

        if (!IsLastLevel)
        {
            _level++;
            return WithCrc(0x04);
        }

        _state = State.Active;
        return WithCrc(Sak);
    }

    private RfFrame? ActiveCommand(byte[] frame)
    {
        if (frame.Length != 4 || !CrcA.IsValid(frame))
        {
            FallBack();
            return null;
        }

        switch (frame[0])
        {
            case 0x50 when frame[1] == 0x00:
                _state = State.Halt;
                _authenticatedSector = -1;
                return null;
            case 0x30:
                return Read(frame[1]);
            default:
                FallBack();
                return null;
        }
    }

    private RfFrame? Read(byte address)
    {
        var data = _kind switch
        {
            Kind.Classic when address < _blocks.Length && SectorOf(address) == _authenticatedSector => _blocks[address],
            Kind.Ultralight when address < _blocks.Length => [.. Enumerable.Range(0, 4).SelectMany(i => _blocks[(address + i) % _blocks.Length])],
            _ => null,
        };
        if (data is null)
        {
            FallBack();
            return new RfFrame([Nak], 4);
        }

        return WithCrc(data);
    }

    private RfFrame WithCrc(params byte[] data)
    {
        var frame = CrcA.Append(data);
        if (_corruptCrc)
        {
            frame[^1] ^= 0x5A;
        }

        return RfFrame.FromBytes(frame);
    }

    /// <summary>An unexpected frame sends the card back to IDLE, or to HALT if it was woken from there.</summary>
    private void FallBack()
    {
        _state = _wokenFromHalt ? State.Halt : State.Idle;
        _authenticatedSector = -1;
    }
}
