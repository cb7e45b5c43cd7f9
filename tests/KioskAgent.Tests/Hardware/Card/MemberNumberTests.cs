using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Hardware.Card;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberNumberTests
{
    private const string SiteKey = "A0A1A2A3A4A5";

    private readonly VirtualMifareClassicCard _card = new(Convert.FromHexString("DEADBEEF"));
    private readonly MemberNumberOptions _options = new() { Sector = 2, BlockInSector = 1, Key = SiteKey, KeyType = MifareKeyType.A };

    public MemberNumberTests()
    {
        _card.SetSectorKeys(2, Convert.FromHexString(SiteKey), Convert.FromHexString("B0B1B2B3B4B5"), MifareAccessBits.ReadAWriteB);
    }

    [Fact]
    public void Crc16Ccitt_CheckString_Is29B1()
    {
        Assert.Equal(0x29B1, Crc16Ccitt.Compute("123456789"u8));
    }

    [Fact]
    public void Encode_Number_MatchesDocumentedLayout()
    {
        var block = MemberNumberBlock.Encode(new MemberNumber("13800138000"));

        // A1, length 0B, "13800138000", zero padding to byte 13, CRC-16/CCITT-FALSE of bytes 0-13
        // (independently computed with Python's binascii.crc_hqx(data, 0xFFFF)).
        Assert.Equal("A10B313338303031333830303000B6E9", Convert.ToHexString(block));
    }

    [Fact]
    public void Decode_EncodedBlock_RoundTrips()
    {
        var block = MemberNumberBlock.Encode(new MemberNumber("000123456789"));

        var result = MemberNumberBlock.Decode(block);

        Assert.Equal("000123456789", result.Value.Value);
    }

    [Theory]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    [InlineData("A20B313338303031333830303000B6E9")]
    [InlineData("A10B313338303031333830303000B6E8")]
    [InlineData("A10B313338303031333830303100B6E9")]
    [InlineData("A10B31333830303133383030")]
    public void Decode_BlankForeignOrCorruptBlock_FailsFormatInvalid(string hex)
    {
        var result = MemberNumberBlock.Decode(Convert.FromHexString(hex));

        Assert.Equal(MemberNumberBlock.FormatInvalid, result.Reason);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(13, "1234567890123")]
    [InlineData(3, "12A")]
    public void Decode_BadLengthOrDigitsWithValidCrc_FailsFormatInvalid(byte length, string content)
    {
        var block = BlockWithValidCrc(length, content, padding: 0);

        var result = MemberNumberBlock.Decode(block);

        Assert.Equal(MemberNumberBlock.FormatInvalid, result.Reason);
    }

    [Fact]
    public void Decode_NonZeroPaddingWithValidCrc_FailsFormatInvalid()
    {
        var block = BlockWithValidCrc(3, "123", padding: 0x20);

        var result = MemberNumberBlock.Decode(block);

        Assert.Equal("non-zero padding", result.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567890123")]
    [InlineData("12-34")]
    public void MemberNumber_Invalid_Throws(string value)
    {
        Assert.Throws<ArgumentException>(() => new MemberNumber(value));
    }

    [Fact]
    public void MemberNumber_ToString_ShowsLastFourOnly()
    {
        Assert.Equal("*******8000", new MemberNumber("13800138000").ToString());
    }

    [Fact]
    public void Read_PersonalisedCard_ReturnsMemberNumber()
    {
        _card.SetBlock(9, MemberNumberBlock.Encode(new MemberNumber("13800138000")));

        var result = new MemberNumberReader(_options).Read(new VirtualCardTransceiver(_card));

        Assert.Equal(new MemberNumber("13800138000"), result.Value);
    }

    [Fact]
    public void Read_CardWithOtherSiteKey_FailsSectorAuth()
    {
        _card.SetSectorKeys(2, Convert.FromHexString("111111111111"), Convert.FromHexString("222222222222"), MifareAccessBits.ReadAWriteB);

        var result = new MemberNumberReader(_options).Read(new VirtualCardTransceiver(_card));

        Assert.Equal("sector_auth_failed", result.Reason);
    }

    [Fact]
    public void Read_BlankBlock_FailsFormatInvalid()
    {
        var result = new MemberNumberReader(_options).Read(new VirtualCardTransceiver(_card));

        Assert.Equal("sector_format_invalid", result.Reason);
    }

    [Fact]
    public void Read_CardAnswersReadWithError_FailsSectorRead()
    {
        var faulty = new FaultInjectingCard(_card).AnswerWith([0xFF, 0xB0], [0x63, 0x00]);

        var result = new MemberNumberReader(_options).Read(new VirtualCardTransceiver(faulty));

        Assert.Equal("sector_read_failed", result.Reason);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 3)]
    [InlineData(40, 0)]
    [InlineData(-1, 0)]
    public void Constructor_ManufacturerTrailerOrOutOfRangeBlock_Throws(int sector, int blockInSector)
    {
        var options = new MemberNumberOptions { Sector = sector, BlockInSector = blockInSector, Key = SiteKey };

        Assert.Throws<ArgumentOutOfRangeException>(() => new MemberNumberReader(options));
    }

    [Fact]
    public void Constructor_MissingKey_Throws()
    {
        var options = new MemberNumberOptions { Sector = 1, Key = "" };

        Assert.Throws<FormatException>(() => new MemberNumberReader(options));
    }

    [Fact]
    public void Options_FourKSector_AbsoluteBlockInLargeSector()
    {
        var options = new MemberNumberOptions { Sector = 33, BlockInSector = 14, Key = SiteKey };

        Assert.Equal(144 + 14, options.AbsoluteBlock());
    }

    private static byte[] BlockWithValidCrc(byte length, string content, byte padding)
    {
        var block = new byte[16];
        block[0] = MemberNumberBlock.FormatVersion1;
        block[1] = length;
        block.AsSpan(2, 12).Fill(padding);
        System.Text.Encoding.ASCII.GetBytes(content).AsSpan(0, Math.Min(content.Length, 12)).CopyTo(block.AsSpan(2));
        var crc = Crc16Ccitt.Compute(block.AsSpan(0, 14));
        block[14] = (byte)(crc >> 8);
        block[15] = (byte)crc;
        return block;
    }
}
