using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Hardware.Card;

/// <summary>
/// The virtual cards answer like real cards behind a PC/SC reader, so they can also sit behind
/// pcscd through vpcd. These tests pin the APDU-level behaviour the card-logic tests rely on.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class VirtualCardsTests
{
    private static readonly byte[] ClassicUid = Convert.FromHexString("DEADBEEF");
    private static readonly byte[] SevenByteUid = Convert.FromHexString("04A1B2C3D4E5F6");

    public static TheoryData<string> AllCards => ["classic", "ntag424", "ultralight"];

    [Theory]
    [MemberData(nameof(AllCards))]
    public void Atr_CheckByte_XorOfT0ToTckIsZero(string kind)
    {
        var atr = Create(kind).Atr;

        var xor = atr.Skip(1).Aggregate(0, (acc, b) => acc ^ b);

        Assert.Equal(0, xor);
    }

    [Theory]
    [InlineData("classic", "DEADBEEF9000")]
    [InlineData("ntag424", "04A1B2C3D4E5F69000")]
    [InlineData("ultralight", "04A1B2C3D4E5F69000")]
    public void Process_GetDataUid_ReturnsUidAnd9000(string kind, string expected)
    {
        var answer = Create(kind).Process([0xFF, 0xCA, 0x00, 0x00, 0x00]);

        Assert.Equal(expected, Convert.ToHexString(answer));
    }

    [Theory]
    [InlineData("FFCA000002", "6C04")]
    [InlineData("FFCA000008", "DEADBEEF6282")]
    [InlineData("FFCA010000", "6A81")]
    [InlineData("FFCA", "6700")]
    public void Process_GetDataVariants_AnswersPerPcscPart3(string command, string expected)
    {
        var answer = new VirtualMifareClassicCard(ClassicUid).Process(Convert.FromHexString(command));

        Assert.Equal(expected, Convert.ToHexString(answer));
    }

    [Theory]
    [InlineData("FFB0000410", "6982")]
    [InlineData("FF86000005010004600A", "6988")]
    [InlineData("FF86000005010004620A", "6986")]
    [InlineData("FF82002006FFFFFFFFFFFF", "6988")]
    [InlineData("FF820000050102030405", "6989")]
    [InlineData("FF82200006010203040506", "6986")]
    [InlineData("00B0000410", "6E00")]
    [InlineData("FFD600040400000000", "6D00")]
    public void Process_ClassicWithoutValidSetup_AnswersErrorStatus(string command, string expected)
    {
        var answer = new VirtualMifareClassicCard(ClassicUid).Process(Convert.FromHexString(command));

        Assert.Equal(expected, Convert.ToHexString(answer));
    }

    [Fact]
    public void Process_ClassicAuthenticateWrongKey_Answers6300AndDropsEarlierAuthentication()
    {
        var card = new VirtualMifareClassicCard(ClassicUid);
        card.Process(Convert.FromHexString("FF82000006FFFFFFFFFFFF"));
        card.Process(Convert.FromHexString("FF860000050100046000"));
        card.Process(Convert.FromHexString("FF82000106A0A1A2A3A4A5"));

        var auth = card.Process(Convert.FromHexString("FF860000050100046001"));
        var read = card.Process(Convert.FromHexString("FFB0000410"));

        Assert.Equal("6300", Convert.ToHexString(auth));
        Assert.Equal("6982", Convert.ToHexString(read));
    }

    [Fact]
    public void Process_ClassicReadTrailerWithKeyA_HidesKeyAShowsReadableKeyB()
    {
        var card = new VirtualMifareClassicCard(ClassicUid);
        card.Process(Convert.FromHexString("FF82000006FFFFFFFFFFFF"));
        card.Process(Convert.FromHexString("FF860000050100076000"));

        var trailer = card.Process(Convert.FromHexString("FFB0000710"));

        // Transport configuration: key B is readable with key A.
        Assert.Equal("000000000000FF078069FFFFFFFFFFFF9000", Convert.ToHexString(trailer));
    }

    [Fact]
    public void Process_ClassicReadOtherSectorThanAuthenticated_Answers6982()
    {
        var card = new VirtualMifareClassicCard(ClassicUid);
        card.Process(Convert.FromHexString("FF82000006FFFFFFFFFFFF"));
        card.Process(Convert.FromHexString("FF860000050100046000"));

        var answer = card.Process(Convert.FromHexString("FFB0000810"));

        Assert.Equal("6982", Convert.ToHexString(answer));
    }

    [Fact]
    public void Process_ClassicBlockZero_HoldsUidBccSakAtqa()
    {
        var card = new VirtualMifareClassicCard(ClassicUid);
        card.Process(Convert.FromHexString("FF82000006FFFFFFFFFFFF"));
        card.Process(Convert.FromHexString("FF860000050100006000"));

        var block = card.Process(Convert.FromHexString("FFB0000010"));

        Assert.StartsWith("DEADBEEF" + "22" + "08" + "0400", Convert.ToHexString(block), StringComparison.Ordinal);
    }

    [Fact]
    public void AccessBits_Encode_TransportConditions_GiveFF0780()
    {
        var bits = MifareAccessBits.Encode(0b000, 0b000, 0b000, 0b001);

        Assert.Equal("FF078069", Convert.ToHexString(bits));
        Assert.Equal(0b001, MifareAccessBits.Decode(bits, 3));
    }

    [Fact]
    public void AccessBits_ReadAWriteB_GiveDocumented787788()
    {
        Assert.Equal("78778869", Convert.ToHexString(MifareAccessBits.ReadAWriteB));
    }

    [Fact]
    public void AccessBits_DecodeInconsistentBits_ReturnsNull()
    {
        Assert.Null(MifareAccessBits.Decode(Convert.FromHexString("FF0781"), 0));
    }

    [Theory]
    [InlineData("00A4040007D276000085010200", "6A82")]
    [InlineData("00A4000C02E104", "6A82")]
    [InlineData("00B0000002", "6986")]
    [InlineData("00A4040007D2760000850101", "9000")]
    [InlineData("00B2000000", "6D00")]
    [InlineData("80A4040000", "6E00")]
    public void Process_Ntag424FreshSession_AnswersIso7816Status(string command, string expected)
    {
        var card = new VirtualNtag424Card(SevenByteUid, new byte[16], new byte[16]);

        var answer = card.Process(Convert.FromHexString(command));

        Assert.Equal(expected, Convert.ToHexString(answer)[^4..]);
    }

    [Fact]
    public void Process_Ntag424ReadPastFileEnd_Answers6B00()
    {
        var card = new VirtualNtag424Card(SevenByteUid, new byte[16], new byte[16]);
        card.Process(Convert.FromHexString("00A4040007D276000085010100"));
        card.Process(Convert.FromHexString("00A4000C02E104"));

        var answer = card.Process(Convert.FromHexString("00B0010002"));

        Assert.Equal("6B00", Convert.ToHexString(answer));
    }

    [Fact]
    public void Process_Ntag424SameSessionReadTwice_SameCounter()
    {
        var card = new VirtualNtag424Card(SevenByteUid, new byte[16], new byte[16]);
        card.Process(Convert.FromHexString("00A4040007D276000085010100"));
        card.Process(Convert.FromHexString("00A4000C02E104"));

        var first = card.Process(Convert.FromHexString("00B0000000"));
        var second = card.Process(Convert.FromHexString("00B0000000"));

        Assert.Equal(first, second);
        Assert.Equal(1, card.ReadCounter);
    }

    [Fact]
    public void Process_Ntag424CapabilityContainer_PointsAtNdefFileE104()
    {
        var card = new VirtualNtag424Card(SevenByteUid, new byte[16], new byte[16]);
        card.Process(Convert.FromHexString("00A4040007D276000085010100"));
        card.Process(Convert.FromHexString("00A4000C02E103"));

        var cc = card.Process(Convert.FromHexString("00B000000F"));

        Assert.Equal("000F2000FF00FF0406E10401000000" + "9000", Convert.ToHexString(cc));
    }

    [Fact]
    public void Process_UltralightReadPackPage_ReadsZeros()
    {
        var card = new VirtualUltralightCard(SevenByteUid);
        card.SetPage(0x2C, [0x12, 0x34, 0x00, 0x00]);

        var answer = card.Process(Convert.FromHexString("FFB0002C10"));

        Assert.StartsWith("00000000", Convert.ToHexString(answer), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_UltralightReadPastLastPage_Answers6A82()
    {
        var answer = new VirtualUltralightCard(SevenByteUid).Process(Convert.FromHexString("FFB0002D10"));

        Assert.Equal("6A82", Convert.ToHexString(answer));
    }

    [Fact]
    public void Process_UltralightReadLastPage_RollsOverToPageZero()
    {
        var card = new VirtualUltralightCard(SevenByteUid);

        var answer = card.Process(Convert.FromHexString("FFB0002A10"));

        // Page 2A (CFG1) then 2B-2C (PWD, PACK read as zeros), then page 00 again.
        Assert.Equal("04A1B29F", Convert.ToHexString(answer)[24..32]);
    }

    private static IVirtualCard Create(string kind) => kind switch
    {
        "classic" => new VirtualMifareClassicCard(ClassicUid),
        "ntag424" => new VirtualNtag424Card(SevenByteUid, new byte[16], new byte[16]),
        _ => new VirtualUltralightCard(SevenByteUid),
    };
}
