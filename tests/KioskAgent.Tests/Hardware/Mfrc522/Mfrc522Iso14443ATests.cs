using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Mfrc522;
using Driver = KioskAgent.Hardware.Mfrc522.Mfrc522;

namespace KioskAgent.Tests.Hardware.Mfrc522;

[Trait("Category", TestCategories.Unit)]
public sealed class Mfrc522Iso14443ATests : IDisposable
{
    private readonly SimulatedMfrc522 _chip = new();
    private readonly Driver _mfrc522;

    public Mfrc522Iso14443ATests()
    {
        _mfrc522 = new Driver(_chip);
        _mfrc522.Initialize();
        _chip.ClearRecords();
    }

    public void Dispose() => _mfrc522.Dispose();

    [Fact]
    public void RequestA_EmptyField_NoAnswer()
    {
        var status = _mfrc522.RequestA(out _);

        Assert.Equal(Mfrc522Status.NoAnswer, status);
        Assert.Equal([0x26], Assert.Single(_chip.SentFrames));
        Assert.Contains(new RegisterWrite(Register.BitFramingReg, 0x07), _chip.Writes);
    }

    [Fact]
    public void RequestA_CardInField_ReturnsAtqa()
    {
        _chip.Add(SimulatedPicc.MifareClassic("A1B2C3D4"));

        var status = _mfrc522.RequestA(out var atqa);

        Assert.Equal(Mfrc522Status.Ok, status);
        Assert.Equal(0x0004, atqa);
    }

    [Fact]
    public void ListenForCard_FourByteUid_SelectsAtCascadeLevel1WithCrc()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        _chip.Add(card);

        var status = _mfrc522.ListenForCard(wakeUp: false, out var selection);

        Assert.Equal(Mfrc522Status.Ok, status);
        Assert.Equal("A1B2C3D4", selection!.CardUid.Hex);
        Assert.Equal(0x08, selection.Sak);
        Assert.True(card.IsActive);
        var frames = _chip.SentFrames;
        Assert.Equal([0x93, 0x20], frames[1]);
        byte bcc = 0xA1 ^ 0xB2 ^ 0xC3 ^ 0xD4;
        Assert.Equal(CrcA.Append(0x93, 0x70, 0xA1, 0xB2, 0xC3, 0xD4, bcc), frames[2]);
        Assert.Equal(3, frames.Count);
    }

    [Fact]
    public void ListenForCard_SevenByteUid_UsesCascadeTagThenCascadeLevel2()
    {
        var card = SimulatedPicc.Ultralight("04112233445566");
        _chip.Add(card);

        var status = _mfrc522.ListenForCard(wakeUp: false, out var selection);

        Assert.Equal(Mfrc522Status.Ok, status);
        Assert.Equal("04112233445566", selection!.CardUid.Hex);
        Assert.Equal(0x0044, selection.Atqa);
        var selects = _chip.SentFrames.Where(f => f.Length == 9).ToList();
        Assert.Equal(2, selects.Count);
        Assert.Equal([0x93, 0x70, 0x88, 0x04, 0x11, 0x22], selects[0][..6]);
        Assert.Equal([0x95, 0x70, 0x33, 0x44, 0x55, 0x66], selects[1][..6]);
        Assert.Equal([0x44, 0x55, 0x66], selection.AuthenticationUid[1..].ToArray());
    }

    [Fact]
    public void ListenForCard_TenByteUid_UsesCascadeLevel3()
    {
        _chip.Add(SimulatedPicc.WithSak("0811223344556677889A", 0x20));

        var status = _mfrc522.ListenForCard(wakeUp: false, out var selection);

        Assert.Equal(Mfrc522Status.Ok, status);
        Assert.Equal("0811223344556677889A", selection!.CardUid.Hex);
        Assert.Equal([0x93, 0x95, 0x97], _chip.SentFrames.Where(f => f.Length == 9).Select(f => f[0]));
    }

    [Fact]
    public void ListenForCard_TwoCardsInField_ResolvesTheCollisionAndSelectsOne()
    {
        // The UIDs differ first in bit 2 of byte 1: the anticollision has to continue with partial bytes.
        var first = SimulatedPicc.MifareClassic("11223344");
        var second = SimulatedPicc.MifareClassic("11263344");
        _chip.Add(first);
        _chip.Add(second);

        var status = _mfrc522.ListenForCard(wakeUp: false, out var selection);

        Assert.Equal(Mfrc522Status.Ok, status);
        Assert.Equal("11263344", selection!.CardUid.Hex);
        Assert.True(second.IsActive);
        Assert.False(first.IsActive);
        Assert.Contains(_chip.SentFrames, f => f[0] == 0x93 && f[1] == 0x33);
    }

    [Fact]
    public void ListenForCard_AfterHaltingTheFirstOfTwoCards_SelectsTheOther()
    {
        _chip.Add(SimulatedPicc.MifareClassic("11223344"));
        _chip.Add(SimulatedPicc.MifareClassic("11263344"));
        _mfrc522.ListenForCard(wakeUp: false, out var first);

        var halt = _mfrc522.HaltA();
        var status = _mfrc522.ListenForCard(wakeUp: false, out var second);

        Assert.Equal(Mfrc522Status.Ok, halt);
        Assert.Equal(Mfrc522Status.Ok, status);
        Assert.NotEqual(first!.CardUid, second!.CardUid);
    }

    [Fact]
    public void WakeUpA_HaltedCard_AnswersWhereRequestADoesNot()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        _chip.Add(card);
        _mfrc522.ListenForCard(wakeUp: false, out _);
        _mfrc522.HaltA();
        Assert.True(card.IsHalted);

        var request = _mfrc522.RequestA(out _);
        var wakeUp = _mfrc522.WakeUpA(out _);

        Assert.Equal(Mfrc522Status.NoAnswer, request);
        Assert.Equal(Mfrc522Status.Ok, wakeUp);
    }

    [Fact]
    public void ListenForCard_SakWithBadCrc_ReturnsCrcError()
    {
        var card = SimulatedPicc.MifareClassic("A1B2C3D4");
        card.CorruptCrc = true;
        _chip.Add(card);

        var status = _mfrc522.ListenForCard(wakeUp: false, out var selection);

        Assert.Equal(Mfrc522Status.CrcError, status);
        Assert.Null(selection);
    }

    [Theory]
    [InlineData(0x08, CardTechnology.MifareClassic1K)]
    [InlineData(0x18, CardTechnology.MifareClassic4K)]
    [InlineData(0x09, CardTechnology.MifareClassicMini)]
    [InlineData(0x00, CardTechnology.MifareUltralight)]
    [InlineData(0x20, CardTechnology.Iso14443A4)]
    [InlineData(0x01, CardTechnology.Unknown)]
    public void ListenForCard_Sak_MapsToCardTechnology(byte sak, CardTechnology expected)
    {
        _chip.Add(SimulatedPicc.WithSak("A1B2C3D4", sak));

        _mfrc522.ListenForCard(wakeUp: false, out var selection);

        Assert.Equal(sak, selection!.Sak);
        Assert.Equal(expected, selection.Technology);
    }
}
