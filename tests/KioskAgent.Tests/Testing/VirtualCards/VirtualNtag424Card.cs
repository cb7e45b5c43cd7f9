using KioskAgent.Hardware.Card.Ndef;
using KioskAgent.Hardware.Card.Ntag424;

namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>
/// An NTAG 424 DNA with Secure Dynamic Messaging on its NDEF file, as a Type 4 Tag answers plain
/// ISO/IEC 7816-4 APDUs (NT4H2421Gx §10.9): SELECT the NDEF application and the NDEF file, READ
/// BINARY. Each session (a SELECT of the application, i.e. a tap) that reads the NDEF file gets a
/// fresh URL "{baseUrl}?picc_data=..&amp;cmac=.." with the counter one higher, made with the real
/// SUN algorithm and an empty MAC input. <see cref="ReplayPreviousUrl"/> and
/// <see cref="CorruptMac"/> emulate a copied URL and a forged one.
/// </summary>
public sealed class VirtualNtag424Card : IVirtualCard
{
    /// <summary>NT4H2421Gx §8.2.2: the NDEF file E104 is 256 bytes.</summary>
    public const int NdefFileSize = 256;

    private static readonly byte[] NdefApplicationName = [0xD2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01];

    // T4T 1.0 §5.1: CCLEN 000F, mapping 2.0, MLe 00FF, MLc 00FF, NDEF file control TLV
    // (04 06, file E104, size 0100, read access 00, write access 00).
    private static readonly byte[] CapabilityContainer =
        [0x00, 0x0F, 0x20, 0x00, 0xFF, 0x00, 0xFF, 0x04, 0x06, 0xE1, 0x04, 0x01, 0x00, 0x00, 0x00];

    private readonly byte[] _metaReadKey;
    private readonly byte[] _fileReadKey;
    private readonly string _baseUrl;
    private readonly Random _padding;
    private bool _applicationSelected;
    private ushort? _selectedFile;
    private byte[]? _sessionNdefFile;

    /// <param name="uid">7-byte UID.</param>
    /// <param name="readCounter">SDMReadCtr before the first tap; the first SUN carries readCounter + 1.</param>
    /// <param name="paddingSeed">Seeds the PICCData padding, which a real tag draws at random.</param>
    public VirtualNtag424Card(
        byte[] uid,
        byte[] sdmMetaReadKey,
        byte[] sdmFileReadKey,
        string baseUrl = "https://kiosk.example/m",
        int readCounter = 0,
        int paddingSeed = 424)
    {
        Uid = uid;
        _metaReadKey = sdmMetaReadKey;
        _fileReadKey = sdmFileReadKey;
        _baseUrl = baseUrl;
        ReadCounter = readCounter;
        _padding = new Random(paddingSeed);
    }

    /// <summary>ISO 14443-4 card behind a PC/SC reader: 3B 8n 80 01 + historical bytes + TCK (PC/SC Part 3 §3.1.3.2.3).</summary>
    public byte[] Atr { get; } = [0x3B, 0x81, 0x80, 0x01, 0x80, 0x80];

    public byte[] Uid { get; }

    /// <summary>SDMReadCtr of the last SUN served.</summary>
    public int ReadCounter { get; private set; }

    /// <summary>The URL served in the last session, or null before the first read.</summary>
    public string? LastUrl { get; private set; }

    /// <summary>Serve the previous session's URL again (same counter), as a copied URL would.</summary>
    public bool ReplayPreviousUrl { get; set; }

    /// <summary>Flip one bit of the MAC in the URLs served from now on.</summary>
    public bool CorruptMac { get; set; }

    public byte[] Process(byte[] commandApdu)
    {
        if (!CommandApdu.TryParse(commandApdu, out var command))
        {
            return StatusWords.Only(StatusWords.WrongLength);
        }

        return (command.Cla, command.Ins) switch
        {
            (0xFF, 0xCA) => StatusWords.AnswerGetUid(command, Uid),
            (0x00, 0xA4) => Select(command),
            (0x00, 0xB0) => ReadBinary(command),
            (0x00 or 0x90, _) => StatusWords.Only(StatusWords.InsNotSupported),
            _ => StatusWords.Only(StatusWords.ClaNotSupported),
        };
    }

    private byte[] Select(CommandApdu command) => (command.P1, command.P2) switch
    {
        (0x04, 0x00 or 0x0C) => SelectApplication(command.Data),
        (0x00, 0x0C) when _applicationSelected => SelectFile(command.Data),
        (0x00, 0x0C) => StatusWords.Only(StatusWords.NotFound),
        _ => StatusWords.Only(StatusWords.WrongP1P2),
    };

    private byte[] SelectApplication(byte[] name)
    {
        _applicationSelected = name.AsSpan().SequenceEqual(NdefApplicationName);
        _selectedFile = null;
        _sessionNdefFile = null;
        return StatusWords.Only(_applicationSelected ? StatusWords.Ok : StatusWords.NotFound);
    }

    private byte[] SelectFile(byte[] fileId)
    {
        _selectedFile = fileId switch
        {
            [0xE1, 0x03] => 0xE103,
            [0xE1, 0x04] => 0xE104,
            _ => null,
        };
        return StatusWords.Only(_selectedFile is null ? StatusWords.NotFound : StatusWords.Ok);
    }

    // The SUN is made on the first read of the NDEF file in a session, then stays for that session.
    private byte[] SelectedFileContent() =>
        _selectedFile == 0xE103 ? CapabilityContainer : _sessionNdefFile ??= NextNdefFile();

    // ISO/IEC 7816-4 §11.2.3: P1-P2 is a 15-bit offset when P1 bit 8 is 0.
    private byte[] ReadBinary(CommandApdu command)
    {
        if (_selectedFile is null)
        {
            return StatusWords.Only(StatusWords.CommandNotAllowed);
        }

        var offset = (command.P1 << 8) | command.P2;
        var file = SelectedFileContent();
        if ((command.P1 & 0x80) != 0 || offset >= file.Length || command.Le is null)
        {
            return StatusWords.Only(StatusWords.WrongP1P2);
        }

        var available = Math.Min(command.Ne, file.Length - offset);
        var status = available < command.Ne ? StatusWords.EndOfFileBeforeLe : StatusWords.Ok;
        return StatusWords.With(file.AsSpan(offset, available), status);
    }

    private byte[] NextNdefFile()
    {
        if (!ReplayPreviousUrl || LastUrl is null)
        {
            ReadCounter++;
            LastUrl = BuildUrl();
        }

        var message = NdefUri.EncodeMessage(LastUrl);
        if (message.Length > NdefFileSize - 2)
        {
            throw new InvalidOperationException($"The URL does not fit the {NdefFileSize}-byte NDEF file.");
        }

        var file = new byte[NdefFileSize];
        file[0] = (byte)(message.Length >> 8);
        file[1] = (byte)message.Length;
        message.CopyTo(file, 2);
        return file;
    }

    private string BuildUrl()
    {
        var padding = new byte[5];
        _padding.NextBytes(padding);
        var picc = PiccData.Encrypt(_metaReadKey, Uid, ReadCounter, padding);
        var mac = SunMac.Compute(_fileReadKey, Uid, ReadCounter, []);
        if (CorruptMac)
        {
            mac[^1] ^= 0x01;
        }

        var separator = _baseUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{_baseUrl}{separator}picc_data={Convert.ToHexString(picc)}&cmac={Convert.ToHexString(mac)}";
    }
}
