using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Mfrc522;
using Driver = KioskAgent.Hardware.Mfrc522.Mfrc522;

namespace KioskAgent.Tests.Hardware.Mfrc522;

[Trait("Category", TestCategories.Unit)]
public sealed class Mfrc522TransceiverTests : IDisposable
{
    private static readonly byte[] SecretKey = [0x4B, 0x49, 0x4F, 0x53, 0x4B, 0x31];
    private static readonly byte[] Block5 = [.. Enumerable.Range(0x50, 16).Select(i => (byte)i)];

    private readonly SimulatedMfrc522 _chip = new();
    private readonly SimulatedPicc _card = SimulatedPicc.MifareClassic("A1B2C3D4");
    private readonly Driver _mfrc522;
    private readonly Mfrc522Transceiver _transceiver;

    public Mfrc522TransceiverTests()
    {
        _card.SetKey(sector: 1, keyType: 0x60, SecretKey);
        _card.SetBlock(5, Block5);
        _chip.Add(_card);
        _mfrc522 = new Driver(_chip);
        _mfrc522.Initialize();
        _mfrc522.ListenForCard(wakeUp: false, out var selection);
        _transceiver = new Mfrc522Transceiver(_mfrc522, selection!);
    }

    public void Dispose() => _mfrc522.Dispose();

    [Fact]
    public void Transmit_GetUid_ReturnsUidAnd9000()
    {
        var response = _transceiver.Transmit([0xFF, 0xCA, 0x00, 0x00, 0x00]);

        Assert.Equal([0xA1, 0xB2, 0xC3, 0xD4, 0x90, 0x00], response);
    }

    [Fact]
    public void Transmit_LoadKeyAuthenticateRead_WithRightKey_ReturnsBlockAnd9000()
    {
        var load = _transceiver.Transmit([0xFF, 0x82, 0x00, 0x01, 0x06, .. SecretKey]);
        var auth = _transceiver.Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x05, 0x60, 0x01]);
        var read = _transceiver.Transmit([0xFF, 0xB0, 0x00, 0x05, 0x10]);

        Assert.Equal([0x90, 0x00], load);
        Assert.Equal([0x90, 0x00], auth);
        Assert.True(_chip.Crypto1On);
        Assert.Equal([.. Block5, 0x90, 0x00], read);
    }

    [Fact]
    public void Transmit_AuthenticateWithWrongKey_Returns6300AndCardCanStillBeAuthenticated()
    {
        _transceiver.Transmit([0xFF, 0x82, 0x00, 0x00, 0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        _transceiver.Transmit([0xFF, 0x82, 0x00, 0x01, 0x06, .. SecretKey]);

        var wrong = _transceiver.Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x04, 0x60, 0x00]);
        var right = _transceiver.Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x04, 0x60, 0x01]);
        var read = _transceiver.Transmit([0xFF, 0xB0, 0x00, 0x05, 0x10]);

        Assert.Equal([0x63, 0x00], wrong);
        Assert.Equal([0x90, 0x00], right);
        Assert.Equal([.. Block5, 0x90, 0x00], read);
    }

    [Fact]
    public void Transmit_ObsoleteAuthenticateForm_AuthenticatesLikeGeneralAuthenticate()
    {
        _transceiver.Transmit([0xFF, 0x82, 0x00, 0x02, 0x06, .. SecretKey]);

        var auth = _transceiver.Transmit([0xFF, 0x88, 0x00, 0x07, 0x60, 0x02]);

        Assert.Equal([0x90, 0x00], auth);
    }

    [Fact]
    public void Transmit_ReadWithoutAuthentication_Returns6300()
    {
        var read = _transceiver.Transmit([0xFF, 0xB0, 0x00, 0x05, 0x10]);

        Assert.Equal([0x63, 0x00], read);
    }

    [Fact]
    public void Transmit_AuthenticateWithEmptyKeySlot_Returns6300WithoutTouchingTheCard()
    {
        var before = _card.FramesReceived;

        var auth = _transceiver.Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x04, 0x60, 0x09]);

        Assert.Equal([0x63, 0x00], auth);
        Assert.Equal(before, _card.FramesReceived);
    }

    [Fact]
    public void Transmit_ReadUltralightPages_ReturnsFourPagesOrFewerBytesForSmallerLe()
    {
        var chip = new SimulatedMfrc522();
        var tag = SimulatedPicc.Ultralight("04112233445566");
        tag.SetBlock(4, [1, 2, 3, 4]);
        tag.SetBlock(5, [5, 6, 7, 8]);
        chip.Add(tag);
        using var mfrc522 = new Driver(chip);
        mfrc522.Initialize();
        mfrc522.ListenForCard(wakeUp: false, out var selection);
        var transceiver = new Mfrc522Transceiver(mfrc522, selection!);

        var sixteen = transceiver.Transmit([0xFF, 0xB0, 0x00, 0x04, 0x10]);
        var four = transceiver.Transmit([0xFF, 0xB0, 0x00, 0x04, 0x04]);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0x90, 0x00], sixteen);
        Assert.Equal([1, 2, 3, 4, 0x90, 0x00], four);
    }

    [Fact]
    public void Transmit_CardRemovedBeforeRead_ThrowsCardCommunicationException()
    {
        _transceiver.Transmit([0xFF, 0x82, 0x00, 0x01, 0x06, .. SecretKey]);
        _transceiver.Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x05, 0x60, 0x01]);
        _card.InField = false;

        Assert.Throws<CardCommunicationException>(() => _transceiver.Transmit([0xFF, 0xB0, 0x00, 0x05, 0x10]));
    }

    [Fact]
    public void Transmit_ReadAnswerWithBadCrc_ThrowsCardCommunicationException()
    {
        _transceiver.Transmit([0xFF, 0x82, 0x00, 0x01, 0x06, .. SecretKey]);
        _transceiver.Transmit([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x05, 0x60, 0x01]);
        _card.CorruptCrc = true;

        var error = Assert.Throws<CardCommunicationException>(() => _transceiver.Transmit([0xFF, 0xB0, 0x00, 0x05, 0x10]));

        Assert.Contains("CrcError", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xB0, 0x00 }, 0x67, 0x00)]
    [InlineData(new byte[] { 0xFF, 0xB0, 0x00, 0x05, 0x11 }, 0x67, 0x00)]
    [InlineData(new byte[] { 0xFF, 0x82, 0x00, 0x01, 0x05, 1, 2, 3, 4, 5 }, 0x67, 0x00)]
    [InlineData(new byte[] { 0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x04, 0x60 }, 0x67, 0x00)]
    [InlineData(new byte[] { 0xFF, 0xCA, 0x01, 0x00, 0x00 }, 0x6A, 0x81)]
    [InlineData(new byte[] { 0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 0x04, 0x62, 0x00 }, 0x6A, 0x81)]
    [InlineData(new byte[] { 0x00, 0xA4, 0x04, 0x00, 0x07, 0xD2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01, 0x00 }, 0x6A, 0x81)]
    [InlineData(new byte[] { 0xFF, 0xD6, 0x00, 0x04, 0x04, 1, 2, 3, 4 }, 0x6D, 0x00)]
    [InlineData(new byte[] { 0xFF, 0xCA, 0x00, 0x00, 0x02 }, 0x6C, 0x04)]
    public void Transmit_UnsupportedOrMalformedApdu_ReturnsStatusWord(byte[] apdu, byte sw1, byte sw2)
    {
        var response = _transceiver.Transmit(apdu);

        Assert.Equal([sw1, sw2], response);
    }
}
