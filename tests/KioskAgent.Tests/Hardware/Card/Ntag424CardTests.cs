using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Hardware.Card;

[Trait("Category", TestCategories.Unit)]
public sealed class Ntag424CardTests
{
    private static readonly byte[] Uid = Convert.FromHexString("04A1B2C3D4E5F6");
    private static readonly byte[] MetaKey = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
    private static readonly byte[] FileKey = Convert.FromHexString("F0E0D0C0B0A090807060504030201000");

    private readonly VirtualNtag424Card _card = new(Uid, MetaKey, FileKey, "https://kiosk.example/m");

    [Fact]
    public void ReadNdefUrl_VirtualTag_ReturnsUrlWithSun()
    {
        var transceiver = new VirtualCardTransceiver(_card);

        var result = new Ntag424Card(transceiver).ReadNdefUrl();

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(_card.LastUrl, result.Value);
        Assert.StartsWith("https://kiosk.example/m?picc_data=", result.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadNdefUrl_VirtualTag_SendsSelectAppSelectFileThenReads()
    {
        var transceiver = new VirtualCardTransceiver(_card);

        new Ntag424Card(transceiver).ReadNdefUrl();

        Assert.Equal("00A4040007D276000085010100", Convert.ToHexString(transceiver.Sent[0]));
        Assert.Equal("00A4000C02E104", Convert.ToHexString(transceiver.Sent[1]));
        Assert.Equal("00B0000002", Convert.ToHexString(transceiver.Sent[2]));
        Assert.StartsWith("00B00002", Convert.ToHexString(transceiver.Sent[3]), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadNdefUrl_ThenVerify_VerifiedWithCardUidAndCounter()
    {
        var verifier = new SunVerifier(SunKeys.Shared(MetaKey, FileKey), new InMemorySunCounterStore());
        var url = new Ntag424Card(new VirtualCardTransceiver(_card)).ReadNdefUrl().Value;

        var result = verifier.Verify(url);

        Assert.Equal(new SunVerified(CardUid.FromBytes(Uid), 1), result);
    }

    [Fact]
    public void ReadNdefUrl_TwoTaps_SecondVerifiedWithHigherCounter()
    {
        var verifier = new SunVerifier(SunKeys.Shared(MetaKey, FileKey), new InMemorySunCounterStore());
        var card = new Ntag424Card(new VirtualCardTransceiver(_card));
        verifier.Verify(card.ReadNdefUrl().Value);

        var second = verifier.Verify(card.ReadNdefUrl().Value);

        Assert.Equal(2, Assert.IsType<SunVerified>(second).Counter);
    }

    [Fact]
    public void ReadNdefUrl_CardReplaysPreviousUrl_VerifierRefusesReplayed()
    {
        var verifier = new SunVerifier(SunKeys.Shared(MetaKey, FileKey), new InMemorySunCounterStore());
        var card = new Ntag424Card(new VirtualCardTransceiver(_card));
        verifier.Verify(card.ReadNdefUrl().Value);
        _card.ReplayPreviousUrl = true;

        var replay = verifier.Verify(card.ReadNdefUrl().Value);

        Assert.Equal(new SunRefused(SunRefusalReasons.Replayed), replay);
    }

    [Fact]
    public void ReadNdefUrl_CardCorruptsMac_VerifierRefusesBadCmac()
    {
        var verifier = new SunVerifier(SunKeys.Shared(MetaKey, FileKey), new InMemorySunCounterStore());
        _card.CorruptMac = true;

        var result = verifier.Verify(new Ntag424Card(new VirtualCardTransceiver(_card)).ReadNdefUrl().Value);

        Assert.Equal(new SunRefused(SunRefusalReasons.BadCmac), result);
    }

    [Theory]
    [InlineData("00A40400", "6A82", "ndef_app_select_failed")]
    [InlineData("00A4000C", "6A82", "ndef_file_select_failed")]
    [InlineData("00B0000002", "6982", "ndef_read_failed")]
    [InlineData("00B0000002", "00", "ndef_read_failed")]
    [InlineData("00B0000002", "009000", "ndef_read_failed")]
    [InlineData("00B0000002", "00009000", "ndef_empty")]
    [InlineData("00B0000002", "00FF9000", "ndef_too_long")]
    [InlineData("00B00002", "6B00", "ndef_read_failed")]
    [InlineData("00B00002", "D1019000", "ndef_read_failed")]
    public void ReadNdefUrl_BadAnswer_FailsWithReason(string commandPrefix, string response, string reason)
    {
        var faulty = new FaultInjectingCard(_card).AnswerWith(Convert.FromHexString(commandPrefix), Convert.FromHexString(response));

        var result = new Ntag424Card(new VirtualCardTransceiver(faulty)).ReadNdefUrl();

        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void ReadNdefUrl_MessageIsTextRecord_FailsNotUri()
    {
        // NDEF text record "en" "hi": D1 01 05 54 02 65 6E 68 69.
        var faulty = new FaultInjectingCard(_card)
            .AnswerWith(Convert.FromHexString("00B0000002"), Convert.FromHexString("00099000"))
            .AnswerWith(Convert.FromHexString("00B00002"), Convert.FromHexString("D101055402656E68699000"));

        var result = new Ntag424Card(new VirtualCardTransceiver(faulty)).ReadNdefUrl();

        Assert.Equal("ndef_not_uri", result.Reason);
    }

    [Fact]
    public void ReadNdefUrl_CardRemoved_PropagatesCardCommunicationException()
    {
        var transceiver = new VirtualCardTransceiver(_card) { Removed = true };

        Assert.Throws<CardCommunicationException>(() => new Ntag424Card(transceiver).ReadNdefUrl());
    }

    [Fact]
    public void ReadNdefMessage_LongMessage_ReadsInChunks()
    {
        var longUrl = "https://kiosk.example/" + new string('a', 130);
        var card = new VirtualNtag424Card(Uid, MetaKey, FileKey, longUrl);
        var transceiver = new VirtualCardTransceiver(card);

        var result = new Ntag424Card(transceiver).ReadNdefUrl();

        Assert.StartsWith(longUrl, result.Value, StringComparison.Ordinal);
        Assert.Equal(5, transceiver.Sent.Count);
    }
}
