using KioskAgent.Hardware.Pcsc;
using KioskAgent.Hardware.Pcsc.Native;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Pcsc;

[Trait("Category", TestCategories.Unit)]
public sealed class PcscErrorTests
{
    [Theory]
    [InlineData(0x8010001Du, "SCARD_E_NO_SERVICE", "pcscd is not running")]
    [InlineData(0x8010002Eu, "SCARD_E_NO_READERS_AVAILABLE", "no reader")]
    [InlineData(0x80100069u, "SCARD_W_REMOVED_CARD", "removed")]
    [InlineData(0x80100017u, "SCARD_E_READER_UNAVAILABLE", "not available")]
    [InlineData(0x80100009u, "SCARD_E_UNKNOWN_READER", "not known")]
    [InlineData(0x80100002u, "SCARD_E_CANCELLED", "cancelled")]
    [InlineData(0x8010000Au, "SCARD_E_TIMEOUT", "timeout")]
    public void PcscException_NamesAndExplainsTheCode(uint code, string name, string text)
    {
        var error = new PcscException("SCardConnect", code);

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(name, error.ErrorName);
        Assert.StartsWith("SCardConnect failed: " + name, error.Message, StringComparison.Ordinal);
        Assert.Contains($"0x{code:X8}", error.Message, StringComparison.Ordinal);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PcscException_UnknownCode_ShowsHex()
    {
        var error = new PcscException("SCardTransmit", 0x801000FE);

        Assert.Equal("0x801000FE", error.ErrorName);
        Assert.Contains("0x801000FE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiString_SplitsReaderNames()
    {
        var names = PcscContext.ParseMultiString("Virtual PCD 00 00\0Virtual PCD 00 01\0\0"u8);

        Assert.Equal(["Virtual PCD 00 00", "Virtual PCD 00 01"], names);
    }
}
