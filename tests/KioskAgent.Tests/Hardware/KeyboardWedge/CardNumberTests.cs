using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

[Trait("Category", TestCategories.Unit)]
public sealed class CardNumberTests
{
    [Theory]
    [InlineData("0012345678", TokenFormat.Decimal, "0000BC614E")]
    [InlineData("1099511627775", TokenFormat.Decimal, "FFFFFFFFFF")]
    [InlineData("1099511627776", TokenFormat.Decimal, "010000000000")]
    [InlineData("0", TokenFormat.Decimal, "0000000000")]
    [InlineData("0a1b2c3d4e", TokenFormat.Hex, "0A1B2C3D4E")]
    [InlineData("ABC", TokenFormat.Hex, "0ABC")]
    [InlineData("M-01", TokenFormat.Text, "4D2D3031")]
    public void TryToUid_ValidToken_MapsAsDocumented(string token, TokenFormat format, string expectedHex)
    {
        var ok = CardNumber.TryToUid(token, format, out var uid, out _);

        Assert.True(ok);
        Assert.Equal(expectedHex, uid.Hex);
    }

    [Theory]
    [InlineData("12 34", TokenFormat.Decimal)]
    [InlineData("", TokenFormat.Decimal)]
    [InlineData("0x12", TokenFormat.Hex)]
    [InlineData("123456789012345678901234567890123", TokenFormat.Hex)]
    [InlineData("THIS-IS-SEVENTEEN", TokenFormat.Text)]
    public void TryToUid_InvalidToken_ReturnsFalseWithAProblem(string token, TokenFormat format)
    {
        var ok = CardNumber.TryToUid(token, format, out _, out var problem);

        Assert.False(ok);
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void TryToUid_DecimalBeyondSixteenBytes_ReturnsFalse()
    {
        var ok = CardNumber.TryToUid(new string('9', 40), TokenFormat.Decimal, out _, out _);

        Assert.False(ok);
    }
}
