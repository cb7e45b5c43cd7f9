using System.Text;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

[Trait("Category", TestCategories.Unit)]
public sealed class SerialFramerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(SerialFraming.Cr, "0012345678\r")]
    [InlineData(SerialFraming.Cr, "0012345678\r\n")]
    [InlineData(SerialFraming.Lf, "0012345678\n")]
    [InlineData(SerialFraming.CrLf, "0012345678\r\n")]
    public void LineFramer_TerminatedLine_YieldsTheToken(SerialFraming framing, string input)
    {
        var results = Feed(new LineFramer(framing, 20, Timeout), input);

        Assert.Equal(TokenResult.Token("0012345678"), Assert.Single(results));
    }

    [Fact]
    public void LineFramer_ControlByteInsideLine_ReportsInvalidToken()
    {
        var results = Feed(new LineFramer(SerialFraming.Cr, 20, Timeout), "0012\u00073456\r");

        Assert.Equal("invalid_token", Assert.Single(results).Reason);
    }

    [Fact]
    public void LineFramer_LineLongerThanMax_ReportsTooLongOnce()
    {
        var results = Feed(new LineFramer(SerialFraming.Lf, 8, Timeout), "123456789012\n");

        Assert.Equal("too_long", Assert.Single(results).Reason);
    }

    [Fact]
    public void LineFramer_PauseInsideLine_DiscardsThePartialLine()
    {
        var framer = new LineFramer(SerialFraming.Cr, 20, Timeout);

        var partial = Feed(framer, "0012", TimeSpan.Zero);
        var results = Feed(framer, "0000000001\r", TimeSpan.FromSeconds(1));

        Assert.Empty(partial);
        Assert.Equal(["incomplete", null], results.Select(r => r.Reason));
        Assert.Equal("0000000001", results[1].Text);
    }

    [Fact]
    public void StxEtxFramer_FrameWithRightChecksum_YieldsTheTenDataCharacters()
    {
        var results = Feed(new StxEtxFramer(Timeout), "\u00020A1B2C3D4E4E\u0003");

        Assert.Equal(TokenResult.Token("0A1B2C3D4E"), Assert.Single(results));
    }

    [Fact]
    public void StxEtxFramer_FrameWithWrongChecksum_ReportsChecksumMismatch()
    {
        var results = Feed(new StxEtxFramer(Timeout), "\u00020A1B2C3D4E4F\u0003");

        Assert.Equal("checksum_mismatch", Assert.Single(results).Reason);
    }

    [Fact]
    public void StxEtxFramer_NoiseOutsideFramesAndLineEndsInside_AreIgnored()
    {
        var results = Feed(new StxEtxFramer(Timeout), "xx\u00020a1b2c3d4e4e\r\n\u0003zz\u0003");

        Assert.Equal(TokenResult.Token("0A1B2C3D4E"), Assert.Single(results));
    }

    [Theory]
    [InlineData("\u00020A1B2C3D4E\u0003")]
    [InlineData("\u00020A1B2C3D4G4E\u0003")]
    public void StxEtxFramer_WrongLengthOrNonHex_ReportsInvalidFrame(string input)
    {
        var results = Feed(new StxEtxFramer(Timeout), input);

        Assert.Equal("invalid_frame", Assert.Single(results).Reason);
    }

    [Fact]
    public void StxEtxFramer_StxBeforeEtx_ReportsIncompleteThenReadsTheNewFrame()
    {
        var results = Feed(new StxEtxFramer(Timeout), "\u00020A1B2\u00020A1B2C3D4E4E\u0003");

        Assert.Equal(["incomplete", null], results.Select(r => r.Reason));
    }

    private static List<TokenResult> Feed(ISerialFramer framer, string input, TimeSpan? at = null) =>
        [.. Encoding.Latin1.GetBytes(input).Select(b => framer.Feed(b, at ?? TimeSpan.Zero)).OfType<TokenResult>()];
}
