using KioskAgent.Hardware.Printer.Decoding;
using KioskAgent.Hardware.Printer.EscPos;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Printer;

[Trait("Category", TestCategories.Unit)]
public sealed class EscPosDecoderTests
{
    [Fact]
    public void Decode_MixedChineseAndAsciiLine_IsOneLine()
    {
        var bytes = new EscPosBuilder().Text("卡号: ").Text("****5F6").Line().ToArray();

        Assert.Equal(["卡号: ****5F6"], EscPosDecoder.Decode(bytes).TextLines);
    }

    [Fact]
    public void Decode_CharacterOutsideGb2312_RoundTripsThroughGb18030()
    {
        var bytes = new EscPosBuilder().Line("𠀀€").ToArray(); // 4-byte GB18030 sequences

        Assert.Equal(["𠀀€"], EscPosDecoder.Decode(bytes).TextLines);
    }

    [Fact]
    public void Decode_FeedLines_ProducesBlankLines()
    {
        var bytes = new EscPosBuilder().Text("A").Feed(3).ToArray();

        Assert.Equal(["A", "", ""], EscPosDecoder.Decode(bytes).TextLines);
    }

    [Fact]
    public void Decode_InitializeMidLine_DiscardsUnprintedTextAndResetsStyle()
    {
        var bytes = new EscPosBuilder().Bold(true).Text("lost").Initialize().Line("kept").ToArray();

        var line = Assert.Single(EscPosDecoder.Decode(bytes).Elements.OfType<ReceiptTextLine>());
        Assert.Equal(("kept", false), (line.Text, line.Bold));
    }

    [Fact]
    public void Decode_StatusRequests_AreCountedNotPrinted()
    {
        var receipt = EscPosDecoder.Decode([0x10, 0x04, 0x01, 0x10, 0x04, 0x04, (byte)'X', 0x0A]);

        Assert.Equal(2, receipt.StatusRequests);
        Assert.Equal(["X"], receipt.TextLines);
    }

    [Fact]
    public void Decode_UnknownEscCommand_ThrowsWithOffset()
    {
        var error = Assert.Throws<EscPosDecodeException>(() => EscPosDecoder.Decode([(byte)'A', 0x1B, 0x7F]));

        Assert.Contains("offset 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TruncatedQrStore_Throws() =>
        Assert.Throws<EscPosDecodeException>(() => EscPosDecoder.Decode([0x1D, 0x28, 0x6B, 0x10, 0x00, 0x31, 0x50, 0x30, 0x41]));

    [Fact]
    public void Decode_BarcodeFunctionA_ReadsUntilNul()
    {
        var receipt = EscPosDecoder.Decode([0x1D, 0x6B, 0x04, (byte)'A', (byte)'1', 0x00]);

        Assert.Equal(("CODE39", "A1"), (receipt.Barcodes[0].Symbology, receipt.Barcodes[0].Data));
    }
}
