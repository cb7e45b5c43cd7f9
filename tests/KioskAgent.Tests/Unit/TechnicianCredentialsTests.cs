using System.Text;
using KioskAgent.Api.Technicians;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class TechnicianCredentialsTests
{
    [Fact]
    public void Basic_UserAndPassword_PasswordMayHoldColons()
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tech:a:b 密"));

        Assert.True(TechnicianCredentials.TryParse(header, out var credentials, out _));
        Assert.Equal(new TechnicianCredentials("tech", "a:b 密"), credentials);
        Assert.False(credentials!.IsBearer);
    }

    [Fact]
    public void Bearer_Token_HasNoUser()
    {
        Assert.True(TechnicianCredentials.TryParse("Bearer abc.def", out var credentials, out _));
        Assert.True(credentials!.IsBearer);
        Assert.Equal("abc.def", credentials.Secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic !!!")]
    [InlineData("Basic dGVjaA==")]
    [InlineData("Bearer ")]
    [InlineData("Digest abc")]
    public void Unreadable_IsRefusedWithAHint(string? header)
    {
        Assert.False(TechnicianCredentials.TryParse(header, out _, out var error));
        Assert.Contains("Basic", error, StringComparison.Ordinal);
    }
}
