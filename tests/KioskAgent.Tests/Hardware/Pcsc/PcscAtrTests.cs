using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Pcsc;

[Trait("Category", TestCategories.Unit)]
public sealed class PcscAtrTests
{
    [Theory]
    [InlineData("3B8F8001804F0CA000000306030001000000006A", CardTechnology.MifareClassic1K)]
    [InlineData("3B8F8001804F0CA0000003060300020000000069", CardTechnology.MifareClassic4K)]
    [InlineData("3B8F8001804F0CA0000003060300030000000068", CardTechnology.MifareUltralight)]
    [InlineData("3B8F8001804F0CA000000306030026000000004D", CardTechnology.MifareClassicMini)]
    [InlineData("3B8F8001804F0CA00000030603003A0000000051", CardTechnology.MifareUltralight)]
    [InlineData("3B8180018080", CardTechnology.Iso14443A4)]
    [InlineData("3B80800101", CardTechnology.Iso14443A4)]
    public void TryParse_ContactlessAtr_TellsTechnology(string atrHex, CardTechnology expected)
    {
        var parsed = PcscAtr.Parse(Convert.FromHexString(atrHex));

        Assert.Equal(expected, parsed.Technology);
    }

    [Fact]
    public void TryParse_StorageCardAtr_ExposesStandardAndCardName()
    {
        var parsed = PcscAtr.Parse(Convert.FromHexString("3B8F8001804F0CA0000003060300020000000069"));

        Assert.Equal((byte)0x03, parsed.Standard);
        Assert.Equal((ushort)0x0002, parsed.CardName);
        Assert.Equal(15, parsed.HistoricalBytes.Count);
    }

    [Theory]
    [InlineData("3B8F8001804F0CA0000003060300FF0000000094")]
    [InlineData("3B021450")]
    [InlineData("3B92110131C073")]
    public void TryParse_WellFormedButNotPcscContactless_IsUnknown(string atrHex)
    {
        var ok = PcscAtr.TryParse(Convert.FromHexString(atrHex), out var parsed, out var error);

        Assert.True(ok, error);
        Assert.Equal(CardTechnology.Unknown, parsed!.Technology);
    }

    [Theory]
    [InlineData("", "2 to 33 bytes")]
    [InlineData("3B", "2 to 33 bytes")]
    [InlineData("FF001122", "TS must be 3B or 3F")]
    [InlineData("3B8F8001804F0CA000000306030001000000006B", "TCK")]
    [InlineData("3B8F8001804F0CA0000003060300010000", "should have 20 bytes")]
    [InlineData("3B8F8001804F0CA000000306030001000000006A00", "should have 20 bytes")]
    [InlineData("3B80", "interface bytes run past the end")]
    [InlineData("3B8F8001804F0CA000000306030001000000006A000000000000000000000000000000", "2 to 33 bytes")]
    public void TryParse_MalformedAtr_FailsWithReason(string atrHex, string reason)
    {
        var ok = PcscAtr.TryParse(Convert.FromHexString(atrHex), out var parsed, out var error);

        Assert.False(ok);
        Assert.Null(parsed);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedAtr_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => PcscAtr.Parse([0x00, 0x01]));
    }
}
