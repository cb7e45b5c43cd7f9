using KioskAgent.Hardware.Camera.MemberQr;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberQrCodeTests
{
    [Fact]
    public void Parse_ValidCode_GivesTheToken()
    {
        var result = MemberQrCode.Parse("KM1:AbCdEfGh-_12345678");

        Assert.Equal((true, "AbCdEfGh-_12345678", MemberQrParseResult.Ok), (result.IsValid, result.Token, result.Reason));
    }

    [Theory]
    [InlineData(null, MemberQrParseResult.Empty)]
    [InlineData("", MemberQrParseResult.Empty)]
    [InlineData("https://weixin.qq.com/x", MemberQrParseResult.NotAMemberCode)]
    [InlineData("km1:AbCdEfGh12345678", MemberQrParseResult.NotAMemberCode)]
    [InlineData("KM2:AbCdEfGh12345678", MemberQrParseResult.UnsupportedVersion)]
    [InlineData("KM1:short", MemberQrParseResult.BadLength)]
    [InlineData("KM1:AbCdEfGh+/345678", MemberQrParseResult.BadCharacters)]
    [InlineData("KM1:AbCdEfGh12345678=", MemberQrParseResult.BadCharacters)]
    public void Parse_OtherPayloads_AreRefusedWithAReason(string? payload, string reason)
    {
        var result = MemberQrCode.Parse(payload);

        Assert.Equal((false, null, reason), (result.IsValid, result.Token, result.Reason));
    }

    [Fact]
    public void Parse_TokenOfMaximumLength_IsAccepted() =>
        Assert.True(MemberQrCode.Parse("KM1:" + new string('a', MemberQrCode.MaxTokenLength)).IsValid);

    [Fact]
    public void Parse_TokenOneOverMaximum_IsRefused() =>
        Assert.False(MemberQrCode.Parse("KM1:" + new string('a', MemberQrCode.MaxTokenLength + 1)).IsValid);

    [Fact]
    public void Format_InvalidToken_Throws() => Assert.Throws<ArgumentException>(() => MemberQrCode.Format("a b"));
}
