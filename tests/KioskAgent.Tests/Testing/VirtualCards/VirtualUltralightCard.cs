namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>
/// An NTAG213 (MIFARE Ultralight family, NFC Forum Type 2 Tag) behind a PC/SC reader: GET DATA
/// (FF CA) gives the 7-byte UID, READ BINARY (FF B0 00 page Le) gives up to 16 bytes from that
/// page, rolling over to page 0 past the end (NTAG213/215/216 datasheet §10.2). Built NDEF-formatted:
/// capability container E1 10 12 00 and an NDEF TLV holding <c>ndefMessage</c>.
/// </summary>
public sealed class VirtualUltralightCard : IVirtualCard
{
    /// <summary>NTAG213: pages 00h-2Ch.</summary>
    public const int PageCount = 45;

    public const int PageSize = 4;

    /// <summary>NTAG213 §8.5: user memory is pages 04h-27h (144 bytes).</summary>
    public const int FirstDataPage = 4;

    // NTAG213 §8.5.7: PWD (2Bh) and PACK (2Ch) always read as zeros.
    private const int PasswordPage = 0x2B;

    private readonly byte[] _memory = new byte[PageCount * PageSize];

    /// <param name="uid">7-byte UID.</param>
    /// <param name="ndefMessage">NDEF message to store; null leaves an empty NDEF TLV (a blank formatted tag).</param>
    public VirtualUltralightCard(byte[] uid, byte[]? ndefMessage = null)
    {
        Uid = uid;
        WriteUidPages(uid);
        SetPage(3, [0xE1, 0x10, 0x12, 0x00]);
        SetData(NdefTlv(ndefMessage ?? []));
    }

    /// <summary>PC/SC Part 3 storage-card ATR (§3.1.3.2.3), card name 00 03 (MIFARE Ultralight), TCK 68.</summary>
    public byte[] Atr { get; } =
        [0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x68];

    public byte[] Uid { get; }

    public void SetPage(int page, ReadOnlySpan<byte> bytes) => bytes.CopyTo(_memory.AsSpan(page * PageSize, PageSize));

    /// <summary>Writes raw bytes into the data area from page 4 (TLVs, for malformed-tag tests).</summary>
    public void SetData(ReadOnlySpan<byte> bytes) => bytes.CopyTo(_memory.AsSpan(FirstDataPage * PageSize));

    public byte[] Process(byte[] commandApdu)
    {
        if (!CommandApdu.TryParse(commandApdu, out var command))
        {
            return StatusWords.Only(StatusWords.WrongLength);
        }

        return (command.Cla, command.Ins) switch
        {
            (0xFF, 0xCA) => StatusWords.AnswerGetUid(command, Uid),
            (0xFF, 0xB0) => ReadBinary(command),
            (0xFF, _) => StatusWords.Only(StatusWords.InsNotSupported),
            _ => StatusWords.Only(StatusWords.ClaNotSupported),
        };
    }

    private byte[] ReadBinary(CommandApdu command)
    {
        var page = (command.P1 << 8) | command.P2;
        if (command.Le is null || command.Ne > 16)
        {
            return StatusWords.WrongLe(16);
        }

        if (page >= PageCount)
        {
            return StatusWords.Only(StatusWords.NotFound);
        }

        var answer = new byte[command.Ne];
        for (var i = 0; i < answer.Length; i++)
        {
            var address = ((page * PageSize) + i) % _memory.Length;
            answer[i] = address / PageSize >= PasswordPage ? (byte)0 : _memory[address];
        }

        return StatusWords.With(answer, StatusWords.Ok);
    }

    // NTAG213 §8.5.1: UID0-2, BCC0 = 88h ^ UID0 ^ UID1 ^ UID2; UID3-6; BCC1 = UID3 ^ .. ^ UID6.
    private void WriteUidPages(byte[] uid)
    {
        SetPage(0, [uid[0], uid[1], uid[2], (byte)(0x88 ^ uid[0] ^ uid[1] ^ uid[2])]);
        SetPage(1, uid.AsSpan(3, 4));
        SetPage(2, [(byte)(uid[3] ^ uid[4] ^ uid[5] ^ uid[6]), 0x48, 0x00, 0x00]);
    }

    // NFC Forum Type 2 Tag §2.3: NDEF TLV 03, one-byte length (or FF + two bytes), then terminator FE.
    private static byte[] NdefTlv(byte[] message) =>
        message.Length < 0xFF
            ? [0x03, (byte)message.Length, .. message, 0xFE]
            : [0x03, 0xFF, (byte)(message.Length >> 8), (byte)message.Length, .. message, 0xFE];
}
