using KioskAgent.Hardware.Card.Ndef;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Card;

/// <summary>NFC Forum NDEF 1.0 record layout and URI RTD 1.0 prefix codes, with hand-assembled bytes.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class NdefUriTests
{
    [Theory]
    // D1 = MB ME SR TNF=1; type length 1; payload length; "U"; prefix code; URI field.
    [InlineData("D1010E5504" + "6B696F736B2E6578616D706C65", "https://kiosk.example")]
    [InlineData("D101085501" + "6578616D706C65", "http://www.example")]
    [InlineData("D101075505" + "313233343536", "tel:123456")]
    [InlineData("D101085500" + "6F70656E3A2F2F", "open://")]
    public void TryFindUri_ShortUriRecord_ExpandsPrefix(string hex, string expected)
    {
        var ok = NdefUri.TryFindUri(Convert.FromHexString(hex), out var uri);

        Assert.True(ok);
        Assert.Equal(expected, uri);
    }

    [Fact]
    public void TryFindUri_TextRecordThenUriRecord_FindsUri()
    {
        // 91 = MB SR TNF=1 (text "en" "hi"); 51 = ME SR TNF=1 (URI).
        var message = Convert.FromHexString("9101055402656E6869" + "5101085504" + "6B2E6578616D70");

        var ok = NdefUri.TryFindUri(message, out var uri);

        Assert.True(ok);
        Assert.Equal("https://k.examp", uri);
    }

    [Fact]
    public void TryFindUri_LongRecordFormat_Parsed()
    {
        // C1 = MB ME TNF=1 without SR: four-byte payload length.
        var message = Convert.FromHexString("C101000000045504" + "6B2E6D");

        var ok = NdefUri.TryFindUri(message, out var uri);

        Assert.True(ok);
        Assert.Equal("https://k.m", uri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("D1010C5504")]
    [InlineData("D101085524" + "6578616D706C65")]
    [InlineData("D1010E5504" + "6B696F736B2E6578616D706C65" + "00")]
    [InlineData("51010E5504" + "6B696F736B2E6578616D706C65")]
    [InlineData("91010E5504" + "6B696F736B2E6578616D706C65")]
    [InlineData("F1010E5504" + "6B696F736B2E6578616D706C65")]
    [InlineData("D101035504" + "C328")]
    [InlineData("D101055402656E6869")]
    public void TryFindUri_TruncatedRfuTrailingUnflaggedChunkedBadUtf8OrNotUri_ReturnsFalse(string hex)
    {
        var ok = NdefUri.TryFindUri(Convert.FromHexString(hex), out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("https://www.example.com/x", "D1010E5502" + "6578616D706C652E636F6D2F78")]
    [InlineData("https://kiosk.example", "D1010E5504" + "6B696F736B2E6578616D706C65")]
    [InlineData("urn:nfc:x", "D101025523" + "78")]
    public void EncodeMessage_Uri_UsesLongestPrefixCode(string uri, string expectedHex)
    {
        var message = NdefUri.EncodeMessage(uri);

        Assert.Equal(expectedHex, Convert.ToHexString(message));
    }

    [Fact]
    public void EncodeMessage_PayloadOver255Bytes_UsesLongRecordAndRoundTrips()
    {
        var uri = "https://kiosk.example/" + new string('x', 300);

        var message = NdefUri.EncodeMessage(uri);
        NdefUri.TryFindUri(message, out var decoded);

        Assert.Equal(0xC1, message[0]);
        Assert.Equal(uri, decoded);
    }
}
