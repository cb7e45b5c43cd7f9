using KioskAgent.Api.Technicians;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class PasswordHashTests
{
    private const int Fast = PasswordHash.MinIterations;

    [Fact]
    public void Verify_ThePassword_IsTrue_AndAnyOtherIsFalse()
    {
        var hash = PasswordHash.Create("s3cret 密码", Fast);

        Assert.True(hash.Verify("s3cret 密码"));
        Assert.False(hash.Verify("s3cret 密码 "));
        Assert.False(hash.Verify(""));
    }

    [Fact]
    public void ToString_ParsesBackToAHashThatVerifies()
    {
        var text = PasswordHash.Create("pw", Fast).ToString();

        Assert.StartsWith($"pbkdf2-sha256${Fast}$", text, StringComparison.Ordinal);
        Assert.True(PasswordHash.TryParse(text, out var parsed, out _));
        Assert.True(parsed!.Verify("pw"));
        Assert.Equal(Fast, parsed.Iterations);
    }

    [Fact]
    public void Create_SamePasswordTwice_GivesDifferentSalts() =>
        Assert.NotEqual(PasswordHash.Create("pw", Fast).ToString(), PasswordHash.Create("pw", Fast).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("bcrypt$10$abc$def")]
    [InlineData("pbkdf2-sha256$100$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$100000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void TryParse_NotAUsableHash_IsRefusedWithAReason(string text)
    {
        Assert.False(PasswordHash.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TokenHash_OfTheToken_MatchesTheHashCreatedWithIt()
    {
        var (token, hash) = TokenHash.Create();

        Assert.Equal(hash, TokenHash.Of(token));
        Assert.True(TokenHash.TryParse(hash, out var digest));
        Assert.Equal(32, digest.Length);
        Assert.NotEqual(hash, TokenHash.Of(token + "x"));
    }
}
