using KioskAgent.Hardware.Card.Mifare;
using KioskAgent.Hardware.Card.Ultralight;
using KioskAgent.Hardware.Mfrc522;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Mfrc522;
using CardKeyType = KioskAgent.Hardware.Card.Mifare.MifareKeyType;
using Driver = KioskAgent.Hardware.Mfrc522.Mfrc522;

namespace KioskAgent.Tests.Hardware.Mfrc522;

/// <summary>The shared card logic (hardware/Card), unchanged, over the MFRC522 transceiver and the register-level simulator.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class Mfrc522SharedCardLogicTests
{
    private static readonly byte[] Block8 = [.. Enumerable.Range(0x80, 16).Select(i => (byte)i)];

    [Fact]
    public void MifareClassicCardReadBlock_RightKey_ReturnsTheBlock()
    {
        var transceiver = Activate(ClassicWithSecretSector2(), out _);

        var result = new MifareClassicCard(transceiver).ReadBlock(8, MifareKey.Parse("A0A1A2A3A4A5", CardKeyType.A));

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(Block8, result.Value);
    }

    [Fact]
    public void MifareClassicCardReadBlock_WrongKeyThenRightKey_RefusesThenReads()
    {
        var transceiver = Activate(ClassicWithSecretSector2(), out _);
        var card = new MifareClassicCard(transceiver);

        var wrong = card.ReadBlock(8, MifareKey.Parse("FFFFFFFFFFFF", CardKeyType.A));
        var right = card.ReadBlock(8, MifareKey.Parse("A0A1A2A3A4A5", CardKeyType.A));

        Assert.Equal("sector_auth_failed", wrong.Reason);
        Assert.Contains("key refused", wrong.Detail, StringComparison.Ordinal);
        Assert.True(right.IsSuccess, right.ToString());
    }

    [Fact]
    public void UltralightCardReadPages_FourPagesFromTheSimulatedTag()
    {
        var tag = SimulatedPicc.Ultralight("04A1B2C3D4E5F6");
        tag.SetBlock(6, [0xDE, 0xAD, 0xBE, 0xEF]);
        var transceiver = Activate(tag, out _);

        var result = new UltralightCard(transceiver).ReadPages(6);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal([0xDE, 0xAD, 0xBE, 0xEF], result.Value![..4]);
    }

    private static SimulatedPicc ClassicWithSecretSector2()
    {
        var card = SimulatedPicc.MifareClassic("C0FFEE01");
        card.SetKey(sector: 2, keyType: 0x60, [0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5]);
        card.SetBlock(8, Block8);
        return card;
    }

    private static Mfrc522Transceiver Activate(SimulatedPicc card, out SimulatedMfrc522 chip)
    {
        chip = new SimulatedMfrc522();
        chip.Add(card);
        var mfrc522 = new Driver(chip);
        mfrc522.Initialize();
        Assert.Equal(Mfrc522Status.Ok, mfrc522.ListenForCard(wakeUp: false, out var selection));
        return new Mfrc522Transceiver(mfrc522, selection!);
    }
}
