using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class CardUidTests
{
    [Theory]
    [InlineData("04a1b2c3d4e5f6", "04A1B2C3D4E5F6")]
    [InlineData("04:A1:B2:C3", "04A1B2C3")]
    [InlineData("de-ad be-ef", "DEADBEEF")]
    public void TryParse_AcceptsSeparatorsAndCase(string text, string hex)
    {
        Assert.True(CardUid.TryParse(text, out var uid));
        Assert.Equal(hex, uid.Hex);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ABC")]
    [InlineData("GG00")]
    [InlineData("0011223344556677889900112233445566")]
    [InlineData(null)]
    public void TryParse_RejectsWhatIsNotAUid(string? text) =>
        Assert.False(CardUid.TryParse(text, out _));

    [Fact]
    public void FromBytes_RoundTripsThroughHex() =>
        Assert.Equal("04A1B2C3", CardUid.FromBytes([0x04, 0xA1, 0xB2, 0xC3]).Hex);

    [Fact]
    public void Masked_ShowsOnlyTheLastFourDigits() =>
        Assert.Equal("**********E5F6", CardUid.Parse("04A1B2C3D4E5F6").Masked());
}
