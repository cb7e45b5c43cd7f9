using System.Security.Cryptography;
using System.Text;
using KioskAgent.Contracts.Staff;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Staff;

[Trait("Category", TestCategories.Unit)]
public sealed class StaffPinHashTests
{
    [Fact]
    public void Hash_IsVersionedSaltedPbkdf2_AndVerifiesOnlyItsPin()
    {
        var encoded = StaffPinHash.Hash("2468");
        var parts = encoded.Split('$');

        Assert.Equal(["pbkdf2-sha256", "210000"], parts[..2]);
        var salt = Convert.FromBase64String(parts[2]);
        Assert.Equal(16, salt.Length);
        // The hash is PBKDF2-HMAC-SHA256 over the PIN's UTF-8 as documented, recomputed independently.
        Assert.Equal(Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("2468"), salt, 210_000, HashAlgorithmName.SHA256, 32)), parts[3]);
        Assert.True(StaffPinHash.Verify("2468", encoded));
        Assert.False(StaffPinHash.Verify("2469", encoded));
        Assert.NotEqual(encoded, StaffPinHash.Hash("2468"));
    }

    [Theory]
    [InlineData("2468")]
    [InlineData("pbkdf2-sha256$1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$210000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("sha1$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$210000$not base64$x")]
    public void Problem_NamesMalformedHashes_AndTheyNeverVerify(string encoded)
    {
        Assert.NotNull(StaffPinHash.Problem(encoded));
        Assert.False(StaffPinHash.Verify("2468", encoded));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("1234567890123")]
    [InlineData("12a4")]
    [InlineData("١٢٣٤")]
    public void Hash_RefusesWhatIsNotAPin(string pin) =>
        Assert.Throws<ArgumentException>(() => StaffPinHash.Hash(pin));
}
