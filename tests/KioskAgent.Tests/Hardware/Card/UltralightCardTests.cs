using KioskAgent.Hardware.Card.Ndef;
using KioskAgent.Hardware.Card.Ultralight;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Hardware.Card;

[Trait("Category", TestCategories.Unit)]
public sealed class UltralightCardTests
{
    private static readonly byte[] Uid = Convert.FromHexString("04112233445566");
    private const string Url = "https://kiosk.example/card/000123";

    [Fact]
    public void ReadPages_PageZero_ReturnsUidPagesWithCheckBytes()
    {
        var card = new VirtualUltralightCard(Uid);

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadPages(0);

        // BCC0 = 88 ^ 04 ^ 11 ^ 22 = BF; BCC1 = 33 ^ 44 ^ 55 ^ 66 = 44; then CC E1 10 12 00.
        Assert.Equal("041122BF33445566444800" + "00E1101200", Convert.ToHexString(result.Value!)[..32]);
    }

    [Fact]
    public void ReadPages_SendsPcscReadBinary()
    {
        var transceiver = new VirtualCardTransceiver(new VirtualUltralightCard(Uid));

        new UltralightCard(transceiver).ReadPages(8);

        Assert.Equal("FFB0000810", Convert.ToHexString(transceiver.Sent.Single()));
    }

    [Fact]
    public void ReadCapabilityContainer_Ntag213_Has144ByteReadableDataArea()
    {
        var card = new VirtualUltralightCard(Uid);

        var cc = new UltralightCard(new VirtualCardTransceiver(card)).ReadCapabilityContainer().Value!;

        Assert.True(cc.IsNdefFormatted);
        Assert.True(cc.IsReadable);
        Assert.Equal(144, cc.DataAreaSize);
    }

    [Fact]
    public void ReadNdefUrl_UriRecord_ReturnsUrl()
    {
        var card = new VirtualUltralightCard(Uid, NdefUri.EncodeMessage(Url));

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefUrl();

        Assert.Equal(Url, result.Value);
    }

    [Fact]
    public void ReadNdefMessage_ShortMessage_ReadsOnlyThePagesNeeded()
    {
        // TLV of 23 bytes: the first 16-byte read (pages 4-7) is not enough, the second (8-11) is.
        var card = new VirtualUltralightCard(Uid, NdefUri.EncodeMessage("https://kiosk.example/ab"));
        var transceiver = new VirtualCardTransceiver(card);

        new UltralightCard(transceiver).ReadNdefMessage();

        Assert.Equal(["FFB0000310", "FFB0000410", "FFB0000810"], transceiver.Sent.Select(Convert.ToHexString));
    }

    [Fact]
    public void ReadNdefMessage_NullAndLockControlTlvsFirst_SkipsThem()
    {
        var message = NdefUri.EncodeMessage(Url);
        var card = new VirtualUltralightCard(Uid);
        card.SetData([0x00, 0x01, 0x03, 0xA0, 0x0C, 0x34, 0x03, (byte)message.Length, .. message, 0xFE]);

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefMessage();

        Assert.Equal(message, result.Value);
    }

    [Fact]
    public void ReadNdefMessage_ThreeByteLengthForm_ReadsMessage()
    {
        var message = NdefUri.EncodeMessage(Url);
        var card = new VirtualUltralightCard(Uid);
        card.SetData([0x03, 0xFF, 0x00, (byte)message.Length, .. message, 0xFE]);

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefMessage();

        Assert.Equal(message, result.Value);
    }

    [Fact]
    public void ReadNdefMessage_BlankFormattedTag_ReturnsEmptyMessage()
    {
        var card = new VirtualUltralightCard(Uid);

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefMessage();

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Value);
    }

    [Fact]
    public void ReadNdefUrl_BlankFormattedTag_FailsNdefEmpty()
    {
        var card = new VirtualUltralightCard(Uid);

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefUrl();

        Assert.Equal("ndef_empty", result.Reason);
    }

    [Theory]
    [InlineData("00000000", "cc_invalid")]
    [InlineData("E1201200", "cc_invalid")]
    [InlineData("E1101280", "ndef_not_readable")]
    public void ReadNdefMessage_BadCapabilityContainer_FailsWithReason(string ccHex, string reason)
    {
        var card = new VirtualUltralightCard(Uid, NdefUri.EncodeMessage(Url));
        card.SetPage(3, Convert.FromHexString(ccHex));

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefMessage();

        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void ReadNdefMessage_TerminatorBeforeNdef_FailsTlvMissing()
    {
        var card = new VirtualUltralightCard(Uid);
        card.SetData([0xFE, 0x03, 0x00]);

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefMessage();

        Assert.Equal("ndef_tlv_missing", result.Reason);
    }

    [Fact]
    public void ReadNdefMessage_TlvLongerThanDataArea_FailsMalformed()
    {
        var card = new VirtualUltralightCard(Uid);
        card.SetData([0x03, 0xFF, 0x01, 0x00]);

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefMessage();

        Assert.Equal("ndef_malformed", result.Reason);
    }

    [Fact]
    public void ReadNdefMessage_OnlyNullTlvs_FailsTlvMissingWithinDataArea()
    {
        var card = new VirtualUltralightCard(Uid);
        card.SetData(new byte[144]);
        var transceiver = new VirtualCardTransceiver(card);

        var result = new UltralightCard(transceiver).ReadNdefMessage();

        Assert.Equal("ndef_tlv_missing", result.Reason);
        Assert.Equal(1 + 9, transceiver.Sent.Count);
    }

    [Theory]
    [InlineData("FFB00003", "6A82")]
    [InlineData("FFB00004", "6300")]
    [InlineData("FFB00004", "0000009000")]
    public void ReadNdefMessage_ReadFails_FailsPageRead(string commandPrefix, string response)
    {
        var card = new FaultInjectingCard(new VirtualUltralightCard(Uid, NdefUri.EncodeMessage(Url)))
            .AnswerWith(Convert.FromHexString(commandPrefix), Convert.FromHexString(response));

        var result = new UltralightCard(new VirtualCardTransceiver(card)).ReadNdefMessage();

        Assert.Equal("page_read_failed", result.Reason);
    }

    [Fact]
    public void ReadPages_CardRemoved_PropagatesCardCommunicationException()
    {
        var transceiver = new VirtualCardTransceiver(new VirtualUltralightCard(Uid)) { Removed = true };

        Assert.Throws<CardCommunicationException>(() => new UltralightCard(transceiver).ReadPages(0));
    }
}
