using KioskAgent.Hardware.Card.Crypto;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Card;

/// <summary>
/// The published vector is NXP AN10922 §2.2.1 (AES-128 example: master key 0011..EEFF, UID
/// 04782E21801D80, AID 3042F5, system identifier "NXP Abu"), cross-checked with Python's
/// `cryptography` CMAC. The short and 31-byte cases have no published vector; their expected
/// values come from an independent Python implementation of AN10922 (AES-ECB from `cryptography`).
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class KeyDiversificationTests
{
    private static readonly byte[] MasterKey = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
    private static readonly byte[] Uid = Convert.FromHexString("04782E21801D80");
    private static readonly byte[] ApplicationId = Convert.FromHexString("3042F5");
    private static readonly byte[] SystemIdentifier = "NXP Abu"u8.ToArray();

    [Fact]
    public void GenerateSubkeys_An10922MasterKey_MatchesPublishedK1AndK2()
    {
        var (k1, k2) = AesCmac.GenerateSubkeys(MasterKey);

        Assert.Equal("FBC9F75C9413C041DFEE452D3F0706D1", Convert.ToHexString(k1));
        Assert.Equal("F793EEB928278083BFDC8A5A7E0E0D25", Convert.ToHexString(k2));
    }

    [Fact]
    public void DiversifyAes128_An10922Example_MatchesPublishedKey()
    {
        var key = KeyDiversification.DiversifyAes128(MasterKey, Uid, ApplicationId, SystemIdentifier);

        Assert.Equal("A8DD63A3B89D54B37CA802473FDA9175", Convert.ToHexString(key));
    }

    [Fact]
    public void DiversifyAes128_UidOnly_PadsToTwoBlocks()
    {
        // 0x01 || UID is 8 bytes: AN10922 pads to 32 bytes with K2, where plain CMAC would pad to 16.
        var key = KeyDiversification.DiversifyAes128(MasterKey, Uid);

        Assert.Equal("4FD3364753B8142980E8203C75AD83BE", Convert.ToHexString(key));
    }

    [Fact]
    public void DiversifyAes128_ThirtyOneBytes_UsesK1WithoutPadding()
    {
        var input = Enumerable.Range(1, 31).Select(i => (byte)i).ToArray();

        var key = KeyDiversification.DiversifyAes128(MasterKey, input);

        Assert.Equal("DB1E697C02D65FADD04FDA40ECAACFF4", Convert.ToHexString(key));
    }

    [Fact]
    public void DiversifyAes128_DifferentUids_GiveDifferentKeys()
    {
        var other = Convert.FromHexString("04782E21801D81");

        var first = KeyDiversification.DiversifyAes128(MasterKey, Uid);
        var second = KeyDiversification.DiversifyAes128(MasterKey, other);

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void DiversifyAes128_InputOutOfRange_Throws(int length)
    {
        var input = new byte[length];

        Assert.Throws<ArgumentException>(() => KeyDiversification.DiversifyAes128(MasterKey, input));
    }
}
