using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Hardware.Card;

[Trait("Category", TestCategories.Unit)]
public sealed class MifareClassicCardTests
{
    private static readonly byte[] SiteKeyA = Convert.FromHexString("A0A1A2A3A4A5");
    private static readonly byte[] SiteKeyB = Convert.FromHexString("B0B1B2B3B4B5");
    private static readonly byte[] Data = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");

    private readonly VirtualMifareClassicCard _card = new(Convert.FromHexString("DEADBEEF"));

    public MifareClassicCardTests()
    {
        _card.SetSectorKeys(1, SiteKeyA, SiteKeyB, MifareAccessBits.ReadAWriteB);
        _card.SetBlock(4, Data);
    }

    [Theory]
    [InlineData(MifareKeyType.A)]
    [InlineData(MifareKeyType.B)]
    public void ReadBlock_RightKey_ReturnsBlock(MifareKeyType type)
    {
        var key = new MifareKey(type == MifareKeyType.A ? SiteKeyA : SiteKeyB, type);

        var result = new MifareClassicCard(new VirtualCardTransceiver(_card)).ReadBlock(4, key);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(Data, result.Value);
    }

    [Fact]
    public void ReadBlock_RightKey_SendsLoadAuthenticateRead()
    {
        var transceiver = new VirtualCardTransceiver(_card);

        new MifareClassicCard(transceiver, keySlot: 1).ReadBlock(5, new MifareKey(SiteKeyB, MifareKeyType.B));

        Assert.Equal(
            ["FF82000106B0B1B2B3B4B5", "FF860000050100056101", "FFB0000510"],
            transceiver.Sent.Select(Convert.ToHexString));
    }

    [Fact]
    public void ReadBlock_WrongKey_FailsSectorAuth()
    {
        var key = new MifareKey(VirtualMifareClassicCard.TransportKey, MifareKeyType.A);

        var result = new MifareClassicCard(new VirtualCardTransceiver(_card)).ReadBlock(4, key);

        Assert.Equal("sector_auth_failed", result.Reason);
    }

    [Fact]
    public void ReadBlock_KeyBOnTransportSector_FailsSectorRead()
    {
        // Transport access bits make key B readable, so a key B authentication grants no access.
        var key = new MifareKey(VirtualMifareClassicCard.TransportKey, MifareKeyType.B);

        var result = new MifareClassicCard(new VirtualCardTransceiver(_card)).ReadBlock(8, key);

        Assert.Equal("sector_read_failed", result.Reason);
    }

    [Theory]
    [InlineData("FF82", "6300", "key_load_failed")]
    [InlineData("FF86", "6982", "sector_auth_failed")]
    [InlineData("FFB0", "6300", "sector_read_failed")]
    [InlineData("FFB0", "00112233445566779000", "sector_read_failed")]
    [InlineData("FFB0", "90", "sector_read_failed")]
    public void ReadBlock_BadAnswer_FailsWithReason(string commandPrefix, string response, string reason)
    {
        var faulty = new FaultInjectingCard(_card).AnswerWith(Convert.FromHexString(commandPrefix), Convert.FromHexString(response));

        var result = new MifareClassicCard(new VirtualCardTransceiver(faulty)).ReadBlock(4, new MifareKey(SiteKeyA, MifareKeyType.A));

        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void ReadBlock_FailureDetail_NeverContainsTheKey()
    {
        var faulty = new FaultInjectingCard(_card).AnswerWith([0xFF, 0x82], [0x63, 0x00]);

        var result = new MifareClassicCard(new VirtualCardTransceiver(faulty)).ReadBlock(4, new MifareKey(SiteKeyA, MifareKeyType.A));

        Assert.DoesNotContain("A0A1A2", result.Detail!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReadBlock_CardRemoved_PropagatesCardCommunicationException()
    {
        var transceiver = new VirtualCardTransceiver(_card) { Removed = true };

        Assert.Throws<CardCommunicationException>(
            () => new MifareClassicCard(transceiver).ReadBlock(4, new MifareKey(SiteKeyA, MifareKeyType.A)));
    }

    [Theory]
    [InlineData(0, 0, 3)]
    [InlineData(15, 60, 63)]
    [InlineData(31, 124, 127)]
    [InlineData(32, 128, 143)]
    [InlineData(39, 240, 255)]
    public void Layout_Sector_FirstBlockAndTrailer(int sector, int first, int trailer)
    {
        Assert.Equal(first, MifareClassicLayout.FirstBlockOf(sector));
        Assert.Equal(trailer, MifareClassicLayout.TrailerOf(sector));
    }

    [Fact]
    public void MifareKey_Parse_WithSeparators_ToStringHidesBytes()
    {
        var key = MifareKey.Parse("a0:a1:a2:a3:a4:a5", MifareKeyType.B);

        Assert.Equal("MifareKey(B)", key.ToString());
    }

    [Theory]
    [InlineData("A0A1A2A3A4")]
    [InlineData("A0A1A2A3A4A5A6")]
    [InlineData("G0A1A2A3A4A5")]
    public void MifareKey_ParseBadHex_Throws(string hex)
    {
        Assert.Throws<FormatException>(() => MifareKey.Parse(hex, MifareKeyType.A));
    }
}
