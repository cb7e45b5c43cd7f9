using Kioskctl.Provisioning;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>kioskctl reads the enrollment QR's text (as the kiosk's screen and slip make it) for the address and the key to pin.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class EnrollmentQrTests
{
    private static readonly string Fingerprint = string.Concat(Enumerable.Repeat("0123456789abcdef", 4));

    [Fact]
    public void TryParse_TheKiosksQrText_GivesTheAddressAndTheFingerprint()
    {
        var text = $"kiosk-enroll:?fp={Fingerprint.ToUpperInvariant()}&addr={Uri.EscapeDataString("192.168.1.20:5443")}&serial=10000000abcd";

        Assert.True(EnrollmentQr.TryParse(text, out var address, out var fingerprint));
        Assert.Equal(("192.168.1.20:5443", Fingerprint), (address, fingerprint));
    }

    [Fact]
    public void TryParse_APlainHost_IsNotAQr()
    {
        Assert.False(EnrollmentQr.TryParse("192.168.1.20:5443", out _, out _));
    }

    [Theory]
    [InlineData("kiosk-enroll:?addr=10.0.0.2%3A5443")]
    [InlineData("kiosk-enroll:?fp=0123")]
    public void TryParse_AQrWithoutFingerprintOrAddress_IsRefused(string text)
    {
        Assert.Throws<FormatException>(() => EnrollmentQr.TryParse(text, out _, out _));
    }
}
