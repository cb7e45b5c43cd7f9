using KioskAgent.Hardware.Card.Crypto;
using KioskAgent.Hardware.Card.Ntag424;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Card;

/// <summary>SUN verification end to end on the AN12196 example URLs (all-zero keys) and on broken variants.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class SunVerifierTests
{
    private const string Picc = "EF963FF7828658A599F3041510671E88";
    private const string Mac = "94EED9EE65337086";
    private const string An12196Url = "https://kiosk.example/m?picc_data=" + Picc + "&cmac=" + Mac;

    private static readonly byte[] ZeroKey = new byte[16];

    private readonly InMemorySunCounterStore _counters = new();

    [Fact]
    public void Verify_An12196Example_VerifiedWithUidAndCounter()
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify(An12196Url);

        var verified = Assert.IsType<SunVerified>(result);
        Assert.Equal(CardUid.Parse("04DE5F1EACC040"), verified.Uid);
        Assert.Equal(61, verified.Counter);
    }

    [Fact]
    public void Verify_An12196Table5WithMacInputParameter_Verified()
    {
        var options = new SunOptions { MacInputStartParameter = "enc" };
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters, options);
        const string url = "https://kiosk.example/m?picc_data=FD91EC264309878BE6345CBE53BADF40" +
            "&enc=CEE9A53E3E463EF1F459635736738962&cmac=ECC1E7F6C6C73BF6";

        var result = verifier.Verify(url);

        var verified = Assert.IsType<SunVerified>(result);
        Assert.Equal(CardUid.Parse("04958CAA5C5E80"), verified.Uid);
        Assert.Equal(8, verified.Counter);
    }

    [Fact]
    public void Verify_CustomParameterNames_Verified()
    {
        var options = new SunOptions { PiccDataParameter = "e", MacParameter = "c" };
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters, options);

        var result = verifier.Verify($"https://ntag.example/424?e={Picc}&c={Mac}");

        Assert.True(result.IsVerified);
    }

    [Theory]
    [InlineData("94EED9EE65337087")]
    [InlineData("0000000000000000")]
    [InlineData("94eed9ee65337086x")]
    public void Verify_WrongMac_RefusedBadCmacOrMalformed(string mac)
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify($"https://kiosk.example/m?picc_data={Picc}&cmac={mac}");

        var refused = Assert.IsType<SunRefused>(result);
        Assert.Equal(mac.Length == 16 ? SunRefusalReasons.BadCmac : SunRefusalReasons.Malformed, refused.Reason);
    }

    [Fact]
    public void Verify_LowerCaseHex_VerifiedLikeUpperCase()
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify(An12196Url.ToLowerInvariant());

        Assert.True(result.IsVerified);
    }

    [Fact]
    public void Verify_WrongFileReadKey_RefusedBadCmac()
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, Convert.FromHexString("00112233445566778899AABBCCDDEEFF")), _counters);

        var result = verifier.Verify(An12196Url);

        Assert.Equal(new SunRefused(SunRefusalReasons.BadCmac), result);
    }

    [Fact]
    public void Verify_WrongMetaReadKey_RefusedBadPiccTag()
    {
        var verifier = new SunVerifier(SunKeys.Shared(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), ZeroKey), _counters);

        var result = verifier.Verify(An12196Url);

        Assert.Equal(new SunRefused(SunRefusalReasons.BadPiccTag), result);
    }

    [Fact]
    public void Verify_SameUrlTwice_SecondRefusedReplayed()
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);
        verifier.Verify(An12196Url);

        var second = verifier.Verify(An12196Url);

        Assert.Equal(new SunRefused(SunRefusalReasons.Replayed), second);
    }

    [Fact]
    public void Verify_CounterBelowLastAccepted_RefusedReplayed()
    {
        _counters.TryAdvance(CardUid.Parse("04DE5F1EACC040"), 62);
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify(An12196Url);

        Assert.Equal(new SunRefused(SunRefusalReasons.Replayed), result);
    }

    [Fact]
    public void Verify_ForgedMac_DoesNotAdvanceCounter()
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);
        verifier.Verify(An12196Url.Replace(Mac, "94EED9EE65337087", StringComparison.Ordinal));

        var genuine = verifier.Verify(An12196Url);

        Assert.True(genuine.IsVerified);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://kiosk.example/m")]
    [InlineData("https://kiosk.example/m?picc_data=" + Picc)]
    [InlineData("https://kiosk.example/m?cmac=" + Mac)]
    [InlineData("https://kiosk.example/m?picc=" + Picc + "&cmac=" + Mac)]
    [InlineData("https://kiosk.example/m#picc_data=" + Picc + "&cmac=" + Mac)]
    public void Verify_ParameterAbsent_RefusedMissing(string? url)
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify(url);

        Assert.Equal(new SunRefused(SunRefusalReasons.Missing), result);
    }

    [Theory]
    [InlineData("EF963FF7828658A599F3041510671E8")]
    [InlineData("EF963FF7828658A599F3041510671E8800")]
    [InlineData("EF963FF7828658A599F3041510671EZZ")]
    [InlineData("")]
    public void Verify_PiccDataTruncatedOrNotHex_RefusedMalformed(string picc)
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify($"https://kiosk.example/m?picc_data={picc}&cmac={Mac}");

        Assert.Equal(new SunRefused(SunRefusalReasons.Malformed), result);
    }

    [Fact]
    public void Verify_ParameterRepeated_RefusedMalformed()
    {
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify($"{An12196Url}&cmac={Mac}");

        Assert.Equal(new SunRefused(SunRefusalReasons.Malformed), result);
    }

    [Fact]
    public void Verify_PiccDataTagWithoutCounterMirror_RefusedBadPiccTag()
    {
        // The same UID and counter encrypted with PICCDataTag 87 (counter mirroring off).
        var picc = EncryptRaw(ZeroKey, "8704DE5F1EACC0403D0000DA5CF60941");
        var verifier = new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters);

        var result = verifier.Verify($"https://kiosk.example/m?picc_data={picc}&cmac={Mac}");

        Assert.Equal(new SunRefused(SunRefusalReasons.BadPiccTag), result);
    }

    [Fact]
    public void Verify_DiversifiedFileReadKey_VerifiedOnlyWithThatCardsKey()
    {
        var master = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        var systemId = "KioskSite1"u8.ToArray();
        var uid = Convert.FromHexString("04A1B2C3D4E5F6");
        var cardKey = KeyDiversification.DiversifyAes128(master, uid, [], systemId);
        var url = SunUrl(ZeroKey, cardKey, uid, 5);
        var verifier = new SunVerifier(SunKeys.Diversified(ZeroKey, master, systemId), _counters);

        var result = verifier.Verify(url);

        Assert.Equal(5, Assert.IsType<SunVerified>(result).Counter);
    }

    [Fact]
    public void Verify_DiversifiedKeysButCardUsesMasterKey_RefusedBadCmac()
    {
        var master = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        var uid = Convert.FromHexString("04A1B2C3D4E5F6");
        var url = SunUrl(ZeroKey, master, uid, 5);
        var verifier = new SunVerifier(SunKeys.Diversified(ZeroKey, master, "KioskSite1"u8), _counters);

        var result = verifier.Verify(url);

        Assert.Equal(new SunRefused(SunRefusalReasons.BadCmac), result);
    }

    [Fact]
    public void ToString_Verified_MasksUid()
    {
        var verified = new SunVerified(CardUid.Parse("04DE5F1EACC040"), 61);

        var text = verified.ToString();

        Assert.DoesNotContain("04DE5F1EAC", text, StringComparison.Ordinal);
        Assert.Contains("C040", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SameNameForPiccDataAndMac_Throws()
    {
        var options = new SunOptions { PiccDataParameter = "d", MacParameter = "d" };

        Assert.Throws<ArgumentException>(() => new SunVerifier(SunKeys.Shared(ZeroKey, ZeroKey), _counters, options));
    }

    private static string SunUrl(byte[] metaKey, byte[] fileKey, byte[] uid, int counter)
    {
        var picc = PiccData.Encrypt(metaKey, uid, counter, new byte[5]);
        var mac = SunMac.Compute(fileKey, uid, counter, []);
        return $"https://kiosk.example/m?picc_data={Convert.ToHexString(picc)}&cmac={Convert.ToHexString(mac)}";
    }

    private static string EncryptRaw(byte[] key, string plainHex)
    {
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var cipher = aes.EncryptCbc(Convert.FromHexString(plainHex), new byte[16], System.Security.Cryptography.PaddingMode.None);
        return Convert.ToHexString(cipher);
    }
}
