using KioskAgent.Hardware.Card.Crypto;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Card;

/// <summary>Test vectors from RFC 4493 §4 (key, subkeys and the four examples).</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class AesCmacTests
{
    private static readonly byte[] RfcKey = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C");

    private static readonly byte[] RfcMessage = Convert.FromHexString(
        "6BC1BEE22E409F96E93D7E117393172A" +
        "AE2D8A571E03AC9C9EB76FAC45AF8E51" +
        "30C81C46A35CE411E5FBC1191A0A52EF" +
        "F69F2445DF4F9B17AD2B417BE66C3710");

    [Fact]
    public void GenerateSubkeys_Rfc4493Key_MatchesRfcK1AndK2()
    {
        var (k1, k2) = AesCmac.GenerateSubkeys(RfcKey);

        Assert.Equal("FBEED618357133667C85E08F7236A8DE", Convert.ToHexString(k1));
        Assert.Equal("F7DDAC306AE266CCF90BC11EE46D513B", Convert.ToHexString(k2));
    }

    [Theory]
    [InlineData(0, "BB1D6929E95937287FA37D129B756746")]
    [InlineData(16, "070A16B46B4D4144F79BDD9DD04A287C")]
    [InlineData(40, "DFA66747DE9AE63030CA32611497C827")]
    [InlineData(64, "51F0BEBF7E3B9D92FC49741779363CFE")]
    public void Compute_Rfc4493Example_MatchesRfcTag(int length, string expectedTag)
    {
        var message = RfcMessage.AsSpan(0, length);

        var tag = AesCmac.Compute(RfcKey, message);

        Assert.Equal(expectedTag, Convert.ToHexString(tag));
    }

    [Fact]
    public void Compute_OneBitChanged_GivesDifferentTag()
    {
        var changed = RfcMessage.AsSpan(0, 40).ToArray();
        changed[39] ^= 0x01;

        var tag = AesCmac.Compute(RfcKey, changed);

        Assert.NotEqual("DFA66747DE9AE63030CA32611497C827", Convert.ToHexString(tag));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(24)]
    public void Compute_KeyNotSixteenBytes_Throws(int keyLength)
    {
        var key = new byte[keyLength];

        Assert.Throws<ArgumentException>(() => AesCmac.Compute(key, RfcMessage));
    }

    [Fact]
    public void TagsEqual_SameBytes_ReturnsTrue()
    {
        var tag = Convert.FromHexString("94EED9EE65337086");

        Assert.True(AesCmac.TagsEqual(tag, Convert.FromHexString("94EED9EE65337086")));
    }

    [Theory]
    [InlineData("94EED9EE65337087")]
    [InlineData("14EED9EE65337086")]
    [InlineData("94EED9EE653370")]
    [InlineData("")]
    public void TagsEqual_DifferentBytesOrLength_ReturnsFalse(string otherHex)
    {
        var tag = Convert.FromHexString("94EED9EE65337086");

        Assert.False(AesCmac.TagsEqual(tag, Convert.FromHexString(otherHex)));
    }
}
